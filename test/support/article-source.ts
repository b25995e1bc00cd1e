import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The article as published, kept verbatim in test/fixtures so that a fresh clone can prove
 * the app shows every word of it. The copy is compared with ../shared/article when present.
 */
export const ARTICLE_FIXTURE_PATH = path.resolve(
  import.meta.dirname,
  '../fixtures/he-wont-talk-to-me.txt',
);
export const SHARED_ARTICLE_PATH = path.resolve(
  import.meta.dirname,
  '../../../shared/article/he-wont-talk-to-me.txt',
);

export const readArticle = (): string => readFileSync(ARTICLE_FIXTURE_PATH, 'utf8');
export const sharedArticleExists = (): boolean => existsSync(SHARED_ARTICLE_PATH);

/**
 * The article as a reader meets it: one entry per heading, paragraph or list item, in order,
 * with list markers ("•", "1.") and surrounding blanks removed.
 */
export function articleTextUnits(source: string): string[] {
  return source
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^(•|\d+\.)\s+/, ''))
    .filter((line) => line !== '');
}
