import { inflateSync } from 'node:zlib';

/**
 * The pixels of a PNG as pdftoppm writes one (8 bits per sample, grey or RGB, with or without
 * alpha, not interlaced), as a grey level per pixel: enough to tell a page with something
 * drawn on it from a blank one. Anything else is refused rather than misread. `alpha` is each
 * pixel's opacity, for a PNG that has it.
 */
export function greyPixels(png: Buffer): {
  width: number;
  height: number;
  grey: Uint8Array;
  alpha: Uint8Array | undefined;
} {
  if (!png.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))) {
    throw new Error('not a PNG');
  }
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colourType, , , interlace] = body.subarray(8, 13);
      const channelsOf: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };
      channels = channelsOf[colourType ?? -1] ?? 0;
      if (depth !== 8 || channels === 0 || interlace !== 0) throw new Error('an unexpected PNG');
    } else if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x += 1) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? (rows[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (rows[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= channels && y > 0 ? (rows[(y - 1) * stride + x - channels] ?? 0) : 0;
      rows[y * stride + x] = (value + predictor(filter, left, up, upLeft)) & 0xff;
    }
  }
  const grey = new Uint8Array(width * height);
  // Grey, or red, green and blue; an alpha channel comes after them.
  const colours = channels >= 3 ? 3 : 1;
  const alpha = channels === 2 || channels === 4 ? new Uint8Array(width * height) : undefined;
  for (let pixel = 0; pixel < width * height; pixel += 1) {
    let sum = 0;
    for (let c = 0; c < colours; c += 1) sum += rows[pixel * channels + c] ?? 0;
    grey[pixel] = Math.round(sum / colours);
    if (alpha) alpha[pixel] = rows[pixel * channels + colours] ?? 0;
  }
  return { width, height, grey, alpha };
}

function predictor(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return Math.floor((left + up) / 2);
    case 4: {
      // Paeth: whichever neighbour is nearest to left + up - upLeft.
      const estimate = left + up - upLeft;
      const toLeft = Math.abs(estimate - left);
      const toUp = Math.abs(estimate - up);
      const toUpLeft = Math.abs(estimate - upLeft);
      if (toLeft <= toUp && toLeft <= toUpLeft) return left;
      return toUp <= toUpLeft ? up : upLeft;
    }
    default:
      throw new Error(`a PNG row with an unknown filter (${filter})`);
  }
}
