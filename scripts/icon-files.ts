/**
 * The files `npm run make-icon` writes from resources/icon.svg, and the small byte formats it
 * needs for them: a PNG's size, a text note inside a PNG, and a Windows .ico. Kept apart from
 * the rendering so that the tests can check these without a browser.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { crc32 } from 'node:zlib';

/**
 * Every size the installers use: Linux takes resources/icons/<n>x<n>.png as its hicolor theme
 * sizes, 512 is the macOS and window icon, and 256 and below go into the Windows .ico.
 */
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;

/** Windows reads no size above 256 from an .ico; these are the sizes its shell asks for. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;

export const RESOURCES = path.resolve(import.meta.dirname, '../resources');
export const ICON_SOURCE = path.join(RESOURCES, 'icon.svg');
export const ICONS_FOLDER = path.join(RESOURCES, 'icons');
/** The window icon (src/main/index.ts) and the macOS installer's: the 512 px rendering. */
export const MAIN_ICON_PNG = path.join(RESOURCES, 'icon.png');
export const WINDOWS_ICON = path.join(RESOURCES, 'icon.ico');

export const iconPngPath = (size: number): string => path.join(ICONS_FOLDER, `${size}x${size}.png`);

/**
 * The PNG text keyword under which each rendering records which icon.svg it was made from,
 * so a test can tell when the SVG changed and nobody ran `npm run make-icon`.
 */
export const SOURCE_KEYWORD = 'icon.svg sha256';

/** Line endings do not count: a checkout on Windows may turn them into CRLF. */
export function sourceDigest(svg: string | Buffer): string {
  return createHash('sha256').update(svg.toString().replace(/\r\n/g, '\n')).digest('hex');
}

const PNG_SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

export function isPng(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(PNG_SIGNATURE);
}

interface PngChunk {
  type: string;
  body: Buffer;
  /** Where the chunk starts (its length field) and where the next one starts. */
  start: number;
  end: number;
}

function pngChunks(png: Buffer): PngChunk[] {
  if (!isPng(png)) throw new Error('not a PNG');
  const chunks: PngChunk[] = [];
  for (let at = 8; at < png.length;) {
    if (at + 12 > png.length) throw new Error('a PNG cut short');
    const length = png.readUInt32BE(at);
    const end = at + 12 + length;
    if (end > png.length) throw new Error('a PNG cut short');
    chunks.push({
      type: png.toString('latin1', at + 4, at + 8),
      body: png.subarray(at + 8, at + 8 + length),
      start: at,
      end,
    });
    at = end;
  }
  return chunks;
}

/** Width and height as the PNG's header (IHDR) gives them. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const header = pngChunks(png)[0];
  if (header?.type !== 'IHDR') throw new Error('a PNG without its header first');
  return { width: header.body.readUInt32BE(0), height: header.body.readUInt32BE(4) };
}

function chunk(type: string, body: Buffer): Buffer {
  const typeAndBody = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndBody));
  return Buffer.concat([length, typeAndBody, crc]);
}

/** The PNG with one tEXt chunk added right after its header. */
export function withText(png: Buffer, keyword: string, text: string): Buffer {
  const header = pngChunks(png)[0];
  if (header?.type !== 'IHDR') throw new Error('a PNG without its header first');
  const body = Buffer.concat([
    Buffer.from(keyword, 'latin1'),
    Buffer.from([0]),
    Buffer.from(text, 'latin1'),
  ]);
  return Buffer.concat([
    png.subarray(0, header.end),
    chunk('tEXt', body),
    png.subarray(header.end),
  ]);
}

/** Every tEXt chunk of the PNG, by keyword. */
export function pngTexts(png: Buffer): Map<string, string> {
  const texts = new Map<string, string>();
  for (const { type, body } of pngChunks(png)) {
    if (type !== 'tEXt') continue;
    const split = body.indexOf(0);
    if (split > 0) texts.set(body.toString('latin1', 0, split), body.toString('latin1', split + 1));
  }
  return texts;
}

/** One size of the icon: its PNG, and its pixels as RGBA (not premultiplied), row by row. */
export interface RenderedIcon {
  size: number;
  png: Buffer;
  rgba: Uint8Array;
}

const ICO_HEADER_BYTES = 6;
const ICO_ENTRY_BYTES = 16;
const BITMAP_HEADER_BYTES = 40;

/**
 * A 32-bit bitmap as an .ico holds one: a BITMAPINFOHEADER whose height counts the colour
 * rows and the mask rows together, the colours as BGRA from the bottom row up, then a
 * 1-bit mask (set where the pixel is fully transparent), its rows padded to 4 bytes.
 */
function icoBitmap({ size, rgba }: RenderedIcon): Buffer {
  if (rgba.length !== size * size * 4) throw new Error(`${size} px needs ${size * size * 4} bytes`);
  const maskStride = Math.ceil(size / 32) * 4;
  const colourBytes = size * size * 4;
  const out = Buffer.alloc(BITMAP_HEADER_BYTES + colourBytes + maskStride * size);
  out.writeUInt32LE(BITMAP_HEADER_BYTES, 0);
  out.writeInt32LE(size, 4);
  out.writeInt32LE(size * 2, 8);
  out.writeUInt16LE(1, 12); // planes
  out.writeUInt16LE(32, 14); // bits per pixel
  out.writeUInt32LE(0, 16); // BI_RGB: not compressed
  out.writeUInt32LE(colourBytes + maskStride * size, 20);
  const masks = BITMAP_HEADER_BYTES + colourBytes;
  for (let row = 0; row < size; row += 1) {
    const fromBottom = size - 1 - row;
    for (let x = 0; x < size; x += 1) {
      const from = (row * size + x) * 4;
      const to = BITMAP_HEADER_BYTES + (fromBottom * size + x) * 4;
      const [red = 0, green = 0, blue = 0, alpha = 0] = rgba.subarray(from, from + 4);
      out.writeUInt8(blue, to);
      out.writeUInt8(green, to + 1);
      out.writeUInt8(red, to + 2);
      out.writeUInt8(alpha, to + 3);
      if (alpha === 0) {
        const maskByte = masks + fromBottom * maskStride + (x >> 3);
        out.writeUInt8(out.readUInt8(maskByte) | (0x80 >> (x & 7)), maskByte);
      }
    }
  }
  return out;
}

/**
 * A Windows .ico of these renderings. The 256 px image goes in as a PNG, as Windows has read
 * it since Vista, which keeps the file small; the smaller ones as bitmaps, the form every
 * reader of .ico files knows, the installer's resource tools among them.
 */
export function icoFile(icons: readonly RenderedIcon[]): Buffer {
  const header = Buffer.alloc(ICO_HEADER_BYTES);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1: an icon, not a cursor
  header.writeUInt16LE(icons.length, 4);
  const images = icons.map((icon) => {
    if (icon.size < 1 || icon.size > 256) throw new Error(`an .ico holds no ${icon.size} px image`);
    return icon.size === 256 ? icon.png : icoBitmap(icon);
  });
  const entries = Buffer.alloc(ICO_ENTRY_BYTES * icons.length);
  let offset = ICO_HEADER_BYTES + entries.length;
  icons.forEach(({ size }, index) => {
    const at = index * ICO_ENTRY_BYTES;
    const bytes = images[index]?.length ?? 0;
    // One byte each for width and height, where 0 means 256.
    entries.writeUInt8(size % 256, at);
    entries.writeUInt8(size % 256, at + 1);
    entries.writeUInt8(0, at + 2); // no palette
    entries.writeUInt8(0, at + 3);
    entries.writeUInt16LE(1, at + 4); // planes
    entries.writeUInt16LE(32, at + 6); // bits per pixel
    entries.writeUInt32LE(bytes, at + 8);
    entries.writeUInt32LE(offset, at + 12);
    offset += bytes;
  });
  return Buffer.concat([header, entries, ...images]);
}
