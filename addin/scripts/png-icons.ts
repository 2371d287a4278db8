/**
 * Writes the add-in's PNG icons (16/32/64/80/128) without an image library: a calendar glyph drawn into
 * an RGBA buffer, encoded with zlib. Deterministic, so rebuilds do not churn the icons.
 */
import { deflateSync } from 'node:zlib';

export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

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

function pixel(x: number, y: number, size: number): Rgba {
  const u = x / size;
  const v = y / size;
  const blue: Rgba = [0x0f, 0x6c, 0xbd, 255];
  const white: Rgba = [255, 255, 255, 255];
  const chips: Rgba[] = [
    [0xe7, 0x48, 0x4e, 255],
    [0x4c, 0xb8, 0x60, 255],
    [0xf9, 0xd2, 0x3a, 255],
  ];
  if (u < 0.08 || u > 0.92 || v < 0.1 || v > 0.92) return [0, 0, 0, 0];
  if (v < 0.3) return blue; // the calendar's header band
  const col = Math.floor((u - 0.16) / 0.24);
  const inChip = u > 0.16 && u < 0.84 && (u - 0.16) % 0.24 < 0.18 && v > 0.42 && v < 0.8;
  return inChip && col >= 0 && col < 3 ? chips[col]! : white;
}

export function calendarIconPng(size: number): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5, size);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
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
