/**
 * Renders resources/icon.svg, with the same browser the tests use, to every size the
 * installers take (icon-files.ts lists them and where each goes):
 *
 *   resources/icons/<n>x<n>.png   16 to 512 px, the Linux icon theme sizes
 *   resources/icon.png            512 px, the window icon and the macOS one
 *   resources/icon.ico            16 to 256 px, for Windows
 *
 * Each size is drawn from the vector at that size, not scaled down from a larger picture, so
 * the small ones stay sharp. Run it whenever the SVG changes: npm run make-icon
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchTestBrowser } from '../test/support/test-browser';
import {
  ICO_SIZES,
  ICON_SIZES,
  ICON_SOURCE,
  ICONS_FOLDER,
  MAIN_ICON_PNG,
  SOURCE_KEYWORD,
  WINDOWS_ICON,
  iconPngPath,
  icoFile,
  sourceDigest,
  withText,
  type RenderedIcon,
} from './icon-files';

const svg = readFileSync(ICON_SOURCE, 'utf8');
const digest = sourceDigest(svg);

const browser = await launchTestBrowser();
const page = await browser.newPage({ viewport: { width: 600, height: 600 } });

/** The SVG drawn at `size` on a transparent canvas: its PNG and its raw pixels. */
async function render(size: number): Promise<RenderedIcon> {
  const drawn = await page.evaluate(
    async ({ source, size }) => {
      // The SVG's own width and height set the size it is drawn at, so it is drawn as a
      // vector at that size rather than as a bitmap scaled.
      const sized = new DOMParser().parseFromString(source, 'image/svg+xml').documentElement;
      sized.setAttribute('width', String(size));
      sized.setAttribute('height', String(size));
      const image = new Image(size, size);
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(sized.outerHTML)}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2D canvas');
      context.drawImage(image, 0, 0, size, size);
      const pixels = context.getImageData(0, 0, size, size).data;
      let binary = '';
      for (const byte of pixels) binary += String.fromCharCode(byte);
      return {
        png: canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, ''),
        rgba: btoa(binary),
      };
    },
    { source: svg, size },
  );
  return {
    size,
    png: withText(Buffer.from(drawn.png, 'base64'), SOURCE_KEYWORD, digest),
    rgba: new Uint8Array(Buffer.from(drawn.rgba, 'base64')),
  };
}

try {
  mkdirSync(ICONS_FOLDER, { recursive: true });
  const rendered = new Map<number, RenderedIcon>();
  for (const size of ICON_SIZES) {
    const icon = await render(size);
    rendered.set(size, icon);
    writeFileSync(iconPngPath(size), icon.png);
  }
  const largest = rendered.get(512);
  if (!largest) throw new Error('no 512 px rendering');
  writeFileSync(MAIN_ICON_PNG, largest.png);
  writeFileSync(
    WINDOWS_ICON,
    icoFile(ICO_SIZES.map((size) => rendered.get(size) ?? missing(size))),
  );
  const written = [ICONS_FOLDER, MAIN_ICON_PNG, WINDOWS_ICON].map((file) =>
    path.relative(process.cwd(), file),
  );
  process.stderr.write(`Wrote ${written.join(', ')} from icon.svg (sha256 ${digest})\n`);
} finally {
  await browser.close();
}

function missing(size: number): never {
  throw new Error(`no ${size} px rendering`);
}
