import type { StepWorkEntry } from '../../shared/companion/model';
/** Between a section's note and a note put back from the trash into the same section. */
export const RESTORED_DIVIDER = '\n\n— Put back from the trash —\n\n';

/**
 * The text of a section's note once a trashed note of the same section is put back: both
 * texts stay, the section's own first, one after the other under a plain divider.
 */
export function mergedNoteText(sectionNote: string, restored: string): string {
  return `${sectionNote}${RESTORED_DIVIDER}${restored}`;
}

/**
 * Two texts of one field as one: both, under the divider, unless one holds the other in full
 * (an empty one, or one already joined): then that one alone, so that joining the same two
 * again, as restoring the same backup twice does, adds nothing.
 */
const joined = (current: string, restored: string) => {
  if (current.includes(restored)) return current;
  if (restored.includes(current)) return restored;
  return mergedNoteText(current, restored);
};

/**
 * A step's answers, or the weighing, once a trashed copy is put back beside the one there
 * is: every answer of both stays, the current one first, and the current status holds
 * unless it had none. There is one of each, so the two become one rather than two.
 */
export function mergedStepWork<E extends StepWorkEntry>(current: E, restored: E): E {
  if (current.type === 'step' && restored.type === 'step') {
    const answers: Record<string, string> = { ...restored.answers };
    for (const [id, text] of Object.entries(current.answers)) {
      answers[id] = joined(text, restored.answers[id] ?? '');
    }
    return { ...current, status: current.status ?? restored.status, answers };
  }
  if (current.type === 'weighing' && restored.type === 'weighing') {
    return {
      ...current,
      costs: joined(current.costs, restored.costs),
      gives: joined(current.gives, restored.gives),
    };
  }
  return current;
}
