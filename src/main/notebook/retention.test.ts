import { describe, expect, it } from 'vitest';
import type { NoteRevision, TrashedItem } from '../../shared/notebook/model';
import {
  REVISION_INTERVAL_MS,
  expiredTrash,
  revisionsBeyondLimit,
  shouldKeepRevision,
} from './retention';

describe('shouldKeepRevision', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');

  it('keeps the first version of a note that had words', () => {
    expect(shouldKeepRevision('first words', 'first words and more', null, now)).toBe(true);
  });

  it('does not keep a revision on every keystroke', () => {
    expect(shouldKeepRevision('abc ', 'abc d', now - 1000, now)).toBe(false);
    expect(shouldKeepRevision('abc ', 'abc d', now - REVISION_INTERVAL_MS, now)).toBe(true);
  });

  it('never keeps a version that stops in the middle of a word', () => {
    const long = now - REVISION_INTERVAL_MS;
    expect(shouldKeepRevision('I feel ang', 'I feel angry', long, now)).toBe(false);
    expect(shouldKeepRevision('Café', 'Cafés', long, now)).toBe(false);
    expect(shouldKeepRevision('I feel angry', 'I feel angry.', long, now)).toBe(true);
    expect(shouldKeepRevision('I feel angry.', 'I feel angry. And', long, now)).toBe(true);
    expect(shouldKeepRevision('I feel ang', 'I feel sad', long, now)).toBe(true);
  });

  it('always keeps the text when most of it is about to disappear', () => {
    expect(shouldKeepRevision('a long paragraph of words', 'a', now - 1000, now)).toBe(true);
  });

  it('keeps nothing for an empty note or an unchanged one', () => {
    expect(shouldKeepRevision('', 'new', null, now)).toBe(false);
    expect(shouldKeepRevision('same', 'same', null, now)).toBe(false);
  });
});

describe('revisionsBeyondLimit', () => {
  const revision = (minute: number): NoteRevision => ({
    id: `r${minute}`,
    noteId: 'n',
    text: `v${minute}`,
    savedAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
  });

  it('keeps the newest twenty and gives up the oldest', () => {
    const revisions = Array.from({ length: 23 }, (_, minute) => revision(minute)).reverse();
    expect(revisionsBeyondLimit(revisions).map((r) => r.id)).toEqual(['r0', 'r1', 'r2']);
    expect(revisionsBeyondLimit(revisions.slice(0, 20))).toEqual([]);
  });
});

describe('expiredTrash', () => {
  const trashed = (days: number): TrashedItem => ({
    trashedAt: new Date(Date.parse('2026-11-26T12:00:00Z') - days * 86_400_000).toISOString(),
    item: {
      kind: 'note',
      id: `n${days}`,
      sectionId: 'intro',
      text: '',
      created: '2026-01-01T00:00:00.000Z',
      updated: '2026-01-01T00:00:00.000Z',
    },
  });

  it('lets items go after thirty days, not before', () => {
    const now = Date.parse('2026-11-26T12:00:00Z');
    const expired = expiredTrash([trashed(29), trashed(30), trashed(45)], now);
    expect(expired.map((entry) => entry.item.id)).toEqual(['n30', 'n45']);
  });
});
