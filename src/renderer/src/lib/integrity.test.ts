import { describe, expect, it } from 'vitest';
import { integrityFindings } from './integrity';

describe('integrityFindings', () => {
  it('says nothing when nothing changed', () => {
    expect(integrityFindings({ unverified: false, missing: 0, stale: 0, replayed: 0 })).toEqual([]);
  });

  it('names each finding once, counted, in the singular only for one', () => {
    expect(integrityFindings({ unverified: true, missing: 2, stale: 0, replayed: 1 })).toEqual([
      'Its list of your writing was missing or damaged, so this time nothing could be checked.',
      '2 items are gone from its folder.',
      'One item that had been deleted was put back. It is not shown.',
    ]);
  });
});
