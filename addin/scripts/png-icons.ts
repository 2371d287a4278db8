/**
 * Writes the add-in's PNG icons (16/32/64/80/128) without an image library: a calendar glyph drawn into
 * an RGBA buffer, encoded with zlib. Deterministic, so rebuilds do not churn the icons.
 * The app package for Microsoft 365 (unified manifest) takes two more of the same glyph: a 192×192 full-colour icon
 * and a 32×32 outline, white on a transparent background
 * (https://learn.microsoft.com/office/dev/add-ins/overview/app-package-for-microsoft-365,
 * https://learn.microsoft.com/microsoft-365/extensibility/schema/root-icons).
 */
import { deflateSync } from 'node:zlib';

export const ICON_SIZES = [16, 32, 64, 80, 128] as const;
/** The app package's two icons: their sizes, and the files the build writes them to in dist/assets. */
export const APP_PACKAGE_ICONS = {
  color: { size: 192, file: 'icon-color-192.png' },
  outline: { size: 32, file: 'icon-outline-32.png' },
} as const;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

type Rgba = [number, number, number, number];

/** The glyph's parts: the header band, the frame and body of the page below it, and three colour chips (0, 1, 2). */
type Part = 'outside' | 'header' | 'frame' | 'body' | 0 | 1 | 2;

/** Which part of the glyph the point (u, v) of the unit square falls in. */
function part(u: number, v: number): Part {
  if (u < 0.08 || u > 0.92 || v < 0.1 || v > 0.92) return 'outside';
  if (v < 0.3) return 'header';
  const col = Math.floor((u - 0.16) / 0.24);
  const inChip = u > 0.16 && u < 0.84 && (u - 0.16) % 0.24 < 0.18 && v > 0.42 && v < 0.8;
  if (inChip && (col === 0 || col === 1 || col === 2)) return col;
  // The page's edge: only the outline draws it (the colour icon's page is white to its edge).
  return u < 0.13 || u > 0.87 || v > 0.87 ? 'frame' : 'body';
}

const TRANSPARENT: Rgba = [0, 0, 0, 0];
const WHITE: Rgba = [255, 255, 255, 255];
const BLUE: Rgba = [0x0f, 0x6c, 0xbd, 255];
const CHIPS: readonly Rgba[] = [
  [0xe7, 0x48, 0x4e, 255],
  [0x4c, 0xb8, 0x60, 255],
  [0xf9, 0xd2, 0x3a, 255],
];

function colorPixel(p: Part): Rgba {
  if (p === 'outside') return TRANSPARENT;
  if (p === 'header') return BLUE;
  return typeof p === 'number' ? CHIPS[p]! : WHITE;
}

/** The outline: header, page edge and chips in white, everything else transparent. */
function outlinePixel(p: Part): Rgba {
  return p === 'outside' || p === 'body' ? TRANSPARENT : WHITE;
}

function encodePng(size: number, paint: (p: Part) => Rgba): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      // Sampled at the pixel's centre, without anti-aliasing: every pixel is exactly one of the palette's colours.
      raw.set(paint(part((x + 0.5) / size, (y + 0.5) / size)), y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The full-colour glyph: the add-in's icons, and the app package's colour icon at 192 px. */
export function calendarIconPng(size: number): Buffer {
  return encodePng(size, colorPixel);
}

/** The same glyph as a white outline on transparency: the app package's outline icon at 32 px. */
export function outlineIconPng(size: number): Buffer {
  return encodePng(size, outlinePixel);
}
