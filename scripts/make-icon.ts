/**
 * Renders resources/icon.svg to resources/icon.png (512 px, transparent corners) with the
 * same browser the tests use. Run it when the SVG changes: npm run make-icon
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchTestBrowser } from '../test/support/test-browser';

const resources = path.resolve(import.meta.dirname, '../resources');
const browser = await launchTestBrowser();
const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
await page.setContent(
  `<style>html,body{margin:0;background:transparent}</style>${readFileSync(path.join(resources, 'icon.svg'), 'utf8')}`,
);
await page
  .locator('svg')
  .screenshot({ path: path.join(resources, 'icon.png'), omitBackground: true });
await browser.close();
process.stderr.write('Wrote resources/icon.png\n');
