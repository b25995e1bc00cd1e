import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  SHARED_ARTICLE_PATH,
  articleTextUnits,
  readArticle,
  sharedArticleExists,
} from '../test/support/article-source';
import { SECTION_IDS } from '../src/shared/guide/ids';
import { GuideSchema, type Block, type Guide } from '../src/shared/guide/model';
import { GUIDE_CONTENT_PATH, importGuide } from './import-guide';

const shipped = (): unknown => JSON.parse(readFileSync(GUIDE_CONTENT_PATH, 'utf8'));

const blockUnits = (blocks: Block[]) =>
  blocks.flatMap((block) => (block.type === 'paragraph' ? [block.text] : block.items));

/** The guide's text in reading order, the way the reader shows it. */
function guideTextUnits(guide: Guide): string[] {
  return [
    guide.title,
    guide.byline,
    ...guide.parts.flatMap((part) => [
      ...(part.heading ? [part.heading] : []),
      ...blockUnits(part.lead),
      ...part.sections.flatMap((section) => [
        ...(section.heading ? [section.heading] : []),
        ...blockUnits(section.blocks),
      ]),
    ]),
  ];
}

describe('the guide content file', () => {
  it('is exactly what the importer makes from the article', () => {
    expect(shipped()).toEqual(importGuide(readArticle()));
  });

  it('passes the guide schema', () => {
    expect(GuideSchema.safeParse(shipped()).success).toBe(true);
  });

  it('holds every heading, paragraph and list item of the article, unchanged and in order', () => {
    const guide = GuideSchema.parse(shipped());
    expect(guideTextUnits(guide)).toEqual(articleTextUnits(readArticle()));
  });

  it('has the fifteen sections with stable ids, in the article’s three parts', () => {
    const guide = GuideSchema.parse(shipped());
    expect(guide.parts.map((part) => [part.id, part.sections.map((s) => s.id)])).toEqual([
      ['opening', ['intro']],
      ['why', ['reason-1', 'reason-2', 'reason-3', 'reason-4', 'reason-5']],
      ['avoid', ['avoid-1', 'avoid-2']],
      ['steps', ['step-1', 'step-2', 'step-3', 'step-4', 'step-5', 'step-6', 'step-7']],
    ]);
  });

  it('credits the author and the date of publication', () => {
    const guide = GuideSchema.parse(shipped());
    expect(guide).toMatchObject({
      title: 'He Won’t Talk to Me. Solutions to Make Him Come Back',
      author: 'Pascal',
      published: '2021-10-13',
    });
  });

  it('keeps the lists the article has: manipulation tactics, step 1 and step 4', () => {
    const guide = GuideSchema.parse(shipped());
    const lists = guide.parts
      .flatMap((part) => part.sections)
      .flatMap((section) =>
        section.blocks
          .filter((block) => block.type === 'list')
          .map((list) => [section.id, list.ordered, list.items.length]),
      );
    expect(lists).toEqual([
      ['avoid-2', false, 6],
      ['step-1', true, 2],
      ['step-4', false, 2],
    ]);
  });
});

describe('the importer', () => {
  it('refuses a text whose sections are missing', () => {
    expect(() =>
      importGuide('Title\n\nPosted by Pascal on October 13, 2021\n\nOne paragraph.\n'),
    ).toThrow(/sections must appear once each/);
  });

  it('refuses an unrecognised byline', () => {
    expect(() => importGuide('Title\n\nWritten long ago\n\nText.\n')).toThrow(/byline/);
  });

  it('rejects schema ids outside the fixed list', () => {
    const guide = GuideSchema.parse(shipped());
    const renamed = structuredClone(guide) as { parts: { sections: { id: string }[] }[] };
    const first = renamed.parts[0]?.sections[0];
    if (first) first.id = 'preface';
    expect(GuideSchema.safeParse(renamed).success).toBe(false);
    expect(SECTION_IDS).toHaveLength(15);
  });
});

describe('the article fixture', () => {
  // The shared article folder sits beside the project on development machines and in CI;
  // a bare clone elsewhere has only the fixture, which the tests above then rely on alone.
  it.runIf(sharedArticleExists())('is a byte-for-byte copy of the shared article', () => {
    expect(readArticle()).toBe(readFileSync(SHARED_ARTICLE_PATH, 'utf8'));
  });
  if (!sharedArticleExists()) {
    process.stderr.write(
      `SKIPPED: fixture comparison, because ${SHARED_ARTICLE_PATH} is not present in this checkout.\n`,
    );
  }
});
