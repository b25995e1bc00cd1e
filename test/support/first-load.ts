import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUILT_RENDERER } from './renderer-host';

/**
 * The most JavaScript, gzipped at Node's default level, that the built renderer's index.html
 * may load before its first screen can show (BENCHMARKS.md, "Reader first load").
 */
export const FIRST_LOAD_JS_BUDGET_GZIP = 40 * 1024;

/** The files the built index.html loads before anything can be shown, as paths within it. */
export function firstLoadAssets(): { file: string; kind: 'js' | 'css' }[] {
  const html = readFileSync(path.join(BUILT_RENDERER, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="(?:\.?\/)?([^"]+\.(js|css))"/g)].map((match) => ({
    file: match[1] ?? '',
    kind: match[2] as 'js' | 'css',
  }));
}

/** Raw and gzipped bytes of the first load's files of one kind. */
export function firstLoadBytes(kind: 'js' | 'css'): { raw: number; gzip: number } {
  const totals = { raw: 0, gzip: 0 };
  for (const asset of firstLoadAssets().filter((each) => each.kind === kind)) {
    const bytes = readFileSync(path.join(BUILT_RENDERER, asset.file));
    totals.raw += bytes.length;
    totals.gzip += gzipSync(bytes).length;
  }
  return totals;
}
