import type { NotebookIntegrity } from '../../../shared/notebook/model';

const say = (count: number, one: string, many: string) =>
  count === 1 ? one : many.replace('#', String(count));

/**
 * What the manifest found changed outside Stillwater, in plain words: a line only for what
 * applies.
 */
export function integrityFindings({
  unverified,
  missing,
  stale,
  replayed,
}: NotebookIntegrity): string[] {
  return [
    unverified &&
      'Its list of your writing was missing or damaged, so this time nothing could be checked.',
    missing > 0 &&
      say(missing, 'One item is gone from its folder.', '# items are gone from its folder.'),
    stale > 0 &&
      say(
        stale,
        'One item was replaced by an older copy, which is not shown.',
        '# items were replaced by older copies, which are not shown.',
      ),
    replayed > 0 &&
      say(
        replayed,
        'One item that had been deleted was put back. It is not shown.',
        '# items that had been deleted were put back. They are not shown.',
      ),
  ].filter((line): line is string => typeof line === 'string');
}
