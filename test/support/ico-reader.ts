/**
 * Reads a Windows .ico back, independently of scripts/icon-files.ts that writes one: each
 * image's size as the directory states it, and its bytes, either a PNG or a 32-bit bitmap
 * decoded to RGBA from the top row down. Anything else is refused rather than misread.
 */
export type IcoImage =
  { size: number; format: 'png'; png: Buffer } | ({ size: number; format: 'bitmap' } & Bitmap);

interface Bitmap {
  width: number;
  height: number;
  rgba: Uint8Array;
  /** 1 where the bitmap's mask marks the pixel as transparent, from the top row down. */
  masked: Uint8Array;
}

const PNG_SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

export function readIco(ico: Buffer): IcoImage[] {
  if (ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error('not an .ico');
  const count = ico.readUInt16LE(4);
  const images: IcoImage[] = [];
  for (let index = 0; index < count; index += 1) {
    const entry = 6 + index * 16;
    const size = ico.readUInt8(entry) || 256;
    if ((ico.readUInt8(entry + 1) || 256) !== size) throw new Error('a non-square image');
    const bytes = ico.readUInt32LE(entry + 8);
    const offset = ico.readUInt32LE(entry + 12);
    if (offset + bytes > ico.length) throw new Error('an image beyond the end of the file');
    const image = ico.subarray(offset, offset + bytes);
    if (image.subarray(0, 8).equals(PNG_SIGNATURE)) {
      images.push({ size, format: 'png', png: image });
      continue;
    }
    images.push({ size, format: 'bitmap', ...readBitmap(image) });
  }
  return images;
}

function readBitmap(image: Buffer): Bitmap {
  const headerBytes = image.readUInt32LE(0);
  const width = image.readInt32LE(4);
  // The stated height counts the colour rows and the transparency mask's rows.
  const height = image.readInt32LE(8) / 2;
  const bitsPerPixel = image.readUInt16LE(14);
  const compression = image.readUInt32LE(16);
  if (headerBytes !== 40 || bitsPerPixel !== 32 || compression !== 0)
    throw new Error('an unexpected bitmap');
  const colourBytes = width * height * 4;
  const maskStride = Math.ceil(width / 32) * 4;
  const masks = headerBytes + colourBytes;
  if (image.length < masks + maskStride * height) throw new Error('a bitmap cut short');
  const rgba = new Uint8Array(colourBytes);
  const masked = new Uint8Array(width * height);
  for (let row = 0; row < height; row += 1) {
    const fromBottom = height - 1 - row;
    for (let x = 0; x < width; x += 1) {
      const from = headerBytes + (fromBottom * width + x) * 4;
      const to = (row * width + x) * 4;
      rgba[to] = image.readUInt8(from + 2);
      rgba[to + 1] = image.readUInt8(from + 1);
      rgba[to + 2] = image.readUInt8(from);
      rgba[to + 3] = image.readUInt8(from + 3);
      const maskByte = image.readUInt8(masks + fromBottom * maskStride + (x >> 3));
      masked[row * width + x] = (maskByte >> (7 - (x & 7))) & 1;
    }
  }
  return { width, height, rgba, masked };
}
