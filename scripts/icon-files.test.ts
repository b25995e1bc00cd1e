import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readIco } from '../test/support/ico-reader';
import { greyPixels } from '../test/support/png-pixels';
import {
  ICO_SIZES,
  ICON_SIZES,
  ICON_SOURCE,
  MAIN_ICON_PNG,
  SOURCE_KEYWORD,
  WINDOWS_ICON,
  iconPngPath,
  icoFile,
  pngSize,
  pngTexts,
  sourceDigest,
  withText,
} from './icon-files';

const RERENDER = 'resources/icon.svg changed since the icons were rendered: run npm run make-icon';
const currentDigest = sourceDigest(readFileSync(ICON_SOURCE));

/**
 * Something is drawn: a spread of tones over the opaque pixels, not one flat colour. The
 * icon's lightest part (the sun) and darkest (deep water) are far apart at every size.
 */
function expectDrawn(grey: Uint8Array, alpha: Uint8Array | undefined, label: string): void {
  const opaque = grey.filter((_, pixel) => alpha?.[pixel] === 255);
  expect(opaque.length, `${label}: opaque pixels`).toBeGreaterThan(grey.length / 2);
  expect(new Set(opaque).size, `${label}: distinct grey levels`).toBeGreaterThan(8);
  const lightest = opaque.reduce((a, b) => Math.max(a, b), 0);
  const darkest = opaque.reduce((a, b) => Math.min(a, b), 255);
  expect(lightest - darkest, `${label}: lightest to darkest`).toBeGreaterThan(100);
}

describe('the rendered icons in resources/', () => {
  it.each(ICON_SIZES)(
    'has %i px as a PNG of exactly that size, drawn, with transparent corners, from the current SVG',
    (size) => {
      const file = iconPngPath(size);
      expect(existsSync(file), `${file} is missing: run npm run make-icon`).toBe(true);
      const png = readFileSync(file);
      expect(pngSize(png)).toEqual({ width: size, height: size });
      const { width, height, grey, alpha } = greyPixels(png);
      expect({ width, height }).toEqual({ width: size, height: size });
      expectDrawn(grey, alpha, `${size} px`);
      // The tile has rounded corners: the corners are see-through, the middle is solid.
      expect(alpha?.[0]).toBe(0);
      expect(alpha?.[size * size - 1]).toBe(0);
      expect(alpha?.[(size / 2) * size + size / 2]).toBe(255);
      expect(pngTexts(png).get(SOURCE_KEYWORD), RERENDER).toBe(currentDigest);
    },
  );

  it('uses the 512 px rendering as resources/icon.png, the window icon', () => {
    expect(readFileSync(MAIN_ICON_PNG).equals(readFileSync(iconPngPath(512)))).toBe(true);
  });

  it('holds every Windows size in icon.ico, each of exactly its size and drawn', () => {
    const images = readIco(readFileSync(WINDOWS_ICON));
    expect(images.map((image) => image.size)).toEqual([...ICO_SIZES]);
    for (const image of images) {
      if (image.format === 'png') {
        // The same bytes as the PNG of that size, so from the current SVG as well.
        expect(image.png.equals(readFileSync(iconPngPath(image.size)))).toBe(true);
        expect(pngTexts(image.png).get(SOURCE_KEYWORD), RERENDER).toBe(currentDigest);
        continue;
      }
      const { size, width, height, rgba, masked } = image;
      expect({ width, height }).toEqual({ width: size, height: size });
      const grey = new Uint8Array(size * size).map((_, pixel) =>
        Math.round(
          ((rgba[pixel * 4] ?? 0) + (rgba[pixel * 4 + 1] ?? 0) + (rgba[pixel * 4 + 2] ?? 0)) / 3,
        ),
      );
      const alpha = new Uint8Array(size * size).map((_, pixel) => rgba[pixel * 4 + 3] ?? 0);
      expectDrawn(grey, alpha, `${size} px in icon.ico`);
      // It is the PNG of the same size, pixel for pixel.
      const png = greyPixels(readFileSync(iconPngPath(size)));
      expect({ grey, alpha }).toEqual({ grey: png.grey, alpha: png.alpha });
      expect([masked[0], masked[(size / 2) * size + size / 2]]).toEqual([1, 0]);
    }
    // The 256 px image, the one Windows and the installer need at least, is there.
    expect(images.find((image) => image.size === 256)?.format).toBe('png');
  });
});

describe('the icon file formats', () => {
  // One opaque pixel of the app's teal.
  const onePixelPng = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGPQzsr7DwADygIDdAyBbQAAAABJRU5ErkJggg==',
    'base64',
  );

  it('notes the source in a PNG without changing its pixels', () => {
    const noted = withText(onePixelPng, SOURCE_KEYWORD, 'abc123');
    expect(pngTexts(noted).get(SOURCE_KEYWORD)).toBe('abc123');
    expect(pngSize(noted)).toEqual({ width: 1, height: 1 });
    expect(greyPixels(noted)).toEqual(greyPixels(onePixelPng));
  });

  it('writes a bitmap entry bottom row first, in BGRA, with a mask over transparent pixels', () => {
    // 2×2: red, green on top; blue, and a fully transparent pixel below.
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 9, 9, 9, 0]);
    const ico = icoFile([{ size: 2, png: onePixelPng, rgba }]);
    const [image] = readIco(ico);
    expect(image?.format).toBe('bitmap');
    if (image?.format !== 'bitmap') return;
    expect(Array.from(image.rgba)).toEqual(Array.from(rgba));
    expect(Array.from(image.masked)).toEqual([0, 0, 0, 1]);
    // The bytes as stored: the bottom row (blue, transparent) comes first, blue first in each.
    const firstPixel = ico.subarray(6 + 16 + 40, 6 + 16 + 44);
    expect(Array.from(firstPixel)).toEqual([255, 0, 0, 255]);
  });

  it('stores 256 px as its PNG, sized 0 in the directory as the format has it', () => {
    const ico = icoFile([{ size: 256, png: onePixelPng, rgba: new Uint8Array() }]);
    expect([ico.readUInt8(6), ico.readUInt8(7)]).toEqual([0, 0]);
    const [image] = readIco(ico);
    expect(image).toMatchObject({ size: 256, format: 'png' });
    expect(image?.format === 'png' && image.png.equals(onePixelPng)).toBe(true);
  });

  it('refuses a size an .ico cannot hold', () => {
    expect(() => icoFile([{ size: 512, png: onePixelPng, rgba: new Uint8Array() }])).toThrow(
      /no 512 px/,
    );
  });
});
