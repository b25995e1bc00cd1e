import { describe, expect, it } from 'vitest';
import type { NotebookItem } from '../../../shared/notebook/model';
import { guide } from './guide';
import { SearchIndex, guideDocuments, itemDocument, resultTitle } from './search';
import { SectionNames } from './sections';
import { snippet } from './snippet';

const stamp = '2026-11-26T09:00:00.000Z';
const note = (id: string, text: string): NotebookItem => ({
  kind: 'note',
  id,
  sectionId: 'step-2',
  text,
  created: stamp,
  updated: stamp,
});
const title = () => 'a section';

describe('search', () => {
  it('finds the guide and the notebook together', async () => {
    const index = new SearchIndex();
    await index.addAll([
      ...guideDocuments(guide),
      itemDocument(note('n1', 'I felt the ultimatum coming'), title),
    ]);
    const hits = index.search('ultimatum');
    expect(hits.map((hit) => hit.kind)).toContain('guide');
    expect(hits.map((hit) => hit.id)).toContain('n1');
    expect(hits.find((hit) => hit.kind === 'guide')?.sectionId).toBe('avoid-1');
  });

  it('ranks a title match and repeated words above a passing mention', async () => {
    const index = new SearchIndex();
    await index.addAll([
      itemDocument(
        note('once', 'There was some silence today, among other things, at lunch and after.'),
        title,
      ),
      itemDocument(note('often', 'Silence. More silence. The silence again.'), title),
    ]);
    expect(index.search('silence').map((hit) => hit.id)).toEqual(['often', 'once']);
    const withGuide = new SearchIndex();
    await withGuide.addAll(guideDocuments(guide));
    expect(withGuide.search('role models')[0]?.sectionId).toBe('reason-4');
  });

  it('needs every word, forgives a small typo, and matches the start of words', async () => {
    const index = new SearchIndex();
    await index.addAll([
      itemDocument(note('n', 'Patience with myself'), title),
      itemDocument(note('m', 'Patience at work'), title),
    ]);
    expect(index.search('patience myself').map((hit) => hit.id)).toEqual(['n']);
    expect(
      index
        .search('patince')
        .map((hit) => hit.id)
        .sort(),
    ).toEqual(['m', 'n']);
    expect(index.search('pati').length).toBe(2);
  });

  it('follows changes: a replaced note is found by its new words, a removed one not at all', async () => {
    const index = new SearchIndex();
    await index.addAll([itemDocument(note('n', 'first words'), title)]);
    index.upsert(itemDocument(note('n', 'second thoughts'), title));
    expect(index.search('first')).toEqual([]);
    expect(index.search('second')).toHaveLength(1);
    index.remove('n');
    expect(index.search('second')).toEqual([]);
  });

  it('returns at most fifty results, and none for an empty query', async () => {
    const index = new SearchIndex();
    await index.addAll(
      Array.from({ length: 80 }, (_, i) => itemDocument(note(`n${i}`, `calm ${i}`), title)),
    );
    expect(index.search('calm')).toHaveLength(50);
    expect(index.search('   ')).toEqual([]);
  });
});

describe('a result’s title', () => {
  it('names the section as the app does now, while the index still matches the author’s name', async () => {
    const preferences = { discreetTitles: false };
    const names = new SectionNames(guide, preferences);
    const index = new SearchIndex();
    await index.addAll([
      ...guideDocuments(guide),
      itemDocument(note('n1', 'patience'), (id) => names.section(id)),
    ]);
    const titles = () => index.search('benefit doubt').map((hit) => resultTitle(hit, names));
    expect(titles()).toEqual([
      'Step 2: Give Him the Benefit of the Doubt',
      'Note on Give Him the Benefit of the Doubt',
    ]);

    preferences.discreetTitles = true;
    expect(titles()).toEqual(['Step 2', 'Note on Step 2']);
  });
});

describe('snippet', () => {
  it('cuts a window around the first match and marks every matching word', () => {
    const text = `${'x'.repeat(200)} the quiet answer and another Quiet word ${'y'.repeat(200)}`;
    const pieces = snippet(text, ['quiet']);
    expect(pieces[0]).toEqual({ text: '…', match: false });
    expect(pieces.filter((piece) => piece.match).map((piece) => piece.text)).toEqual([
      'quiet',
      'Quiet',
    ]);
    expect(pieces.at(-1)).toEqual({ text: '…', match: false });
  });
});
