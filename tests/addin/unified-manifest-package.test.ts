/**
 * `calsync manifest --package`: the app package the Integrated apps portal uploads for the unified manifest — a zip of
 * manifest.json, a 192×192 colour icon and a 32×32 outline icon (white on transparency) at its root
 * (https://learn.microsoft.com/office/dev/add-ins/overview/app-package-for-microsoft-365,
 * https://learn.microsoft.com/microsoft-365/extensibility/schema/root-icons).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import { runCaptured } from '../cli/support/cli-run';

const root = resolve(__dirname, '../..');
const deployment = ['--base-url', 'https://calsync.contoso.com', '--client-id', '11111111-2222-3333-4444-555555555555'];

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  /** RGBA of each pixel, row by row (8-bit RGBA images only). */
  pixels: Array<[number, number, number, number]>;
}

/** The header fields the package's icons are held to. */
const rgbaHeader = ({ width, height, bitDepth, colorType }: Png) => ({ width, height, bitDepth, colorType });

/** Reads a PNG's header and, for 8-bit RGBA without row filters (what png-icons.ts writes), its pixels. */
function decodePng(png: Buffer): Png {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let header: Buffer | undefined;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const [width, height, bitDepth, colorType] = [header!.readUInt32BE(0), header!.readUInt32BE(4), header![8]!, header![9]!];
  const pixels: Png['pixels'] = [];
  if (bitDepth === 8 && colorType === 6) {
    const raw = inflateSync(Buffer.concat(idat));
    for (let y = 0; y < height; y++) {
      const row = y * (width * 4 + 1);
      expect(raw[row]).toBe(0); // filter: none
      for (let x = 0; x < width; x++) pixels.push([...raw.subarray(row + 1 + x * 4, row + 5 + x * 4)] as Png['pixels'][number]);
    }
  }
  return { width, height, bitDepth, colorType, pixels };
}

let work: string;
let zip: AdmZip;
let unifiedOut: string;
let cli: Awaited<ReturnType<typeof runCaptured>>;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'calsync-package-'));
  unifiedOut = join(work, 'unified.json');
  const out = join(work, 'manifest.prod.xml');
  const packageOut = join(work, 'calsync.zip');
  cli = await runCaptured(['manifest', ...deployment, '--out', out, '--unified-out', unifiedOut, '--package', packageOut], {});
  expect(cli).toEqual({ code: 0, stdout: `wrote ${out}\nwrote ${unifiedOut}\nwrote ${packageOut}\n`, stderr: '' });
  zip = new AdmZip(packageOut);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const entry = (name: string) => zip.getEntry(name)!.getData();
const manifest = () => JSON.parse(entry('manifest.json').toString('utf8')) as { icons: { color: string; outline: string } };

describe('the app package (calsync manifest --package)', () => {
  it('holds manifest.json and the two icons it names, at its root, and nothing else', () => {
    expect(
      zip
        .getEntries()
        .map((e) => e.entryName)
        .sort(),
    ).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(manifest().icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it("carries the same manifest --unified-out writes (whose icons name the package's files)", () => {
    expect(entry('manifest.json').toString('utf8')).toBe(readFileSync(unifiedOut, 'utf8'));
  });

  it('has a 192×192 full-colour icon', () => {
    const color = decodePng(entry(manifest().icons.color));
    expect(rgbaHeader(color)).toEqual({ width: 192, height: 192, bitDepth: 8, colorType: 6 });
    // Colour, not a silhouette: opaque pixels of several hues (the blue header, the chips), not only white.
    const opaque = new Set(color.pixels.filter((p) => p[3] === 255 && !(p[0] === p[1] && p[1] === p[2])).map((p) => p.join()));
    expect(opaque.size).toBeGreaterThanOrEqual(3);
  });

  it('has a 32×32 outline icon: white on a transparent background, nothing else', () => {
    const outline = decodePng(entry(manifest().icons.outline));
    expect(rgbaHeader(outline)).toEqual({ width: 32, height: 32, bitDepth: 8, colorType: 6 });
    expect(outline.pixels).toHaveLength(32 * 32);
    const kinds = new Set(outline.pixels.map((p) => (p[3] === 0 ? 'transparent' : p.join() === '255,255,255,255' ? 'white' : `other ${p.join()}`)));
    expect([...kinds].sort()).toEqual(['transparent', 'white']);
    expect(outline.pixels[0]![3]).toBe(0); // the corner: background, not a white square
  });

  it('passes `office-addin-manifest validate` unpacked (bundled schema, offline)', async () => {
    const unpacked = join(work, 'unpacked');
    zip.extractAllTo(unpacked, true);
    // It exits non-zero on an invalid manifest (tests/addin/manifest.test.ts shows it), and execFile then rejects.
    await expect(
      promisify(execFile)(join(root, 'node_modules/.bin/office-addin-manifest'), ['validate', join(unpacked, 'manifest.json')], {
        timeout: 60_000,
        env: { ...process.env, OFFICE_ADDIN_USAGE_DATA_OPT_IN: 'false' },
      }),
    ).resolves.toBeDefined();
  });

  it('writes no package when the unified manifest cannot take the version', async () => {
    const packageOut = join(work, 'refused.zip');
    const result = await runCaptured(['manifest', ...deployment, '--version', '1.2.3.4', '--package', packageOut], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the fourth must be 0');
    expect(existsSync(packageOut)).toBe(false);
  });
});
