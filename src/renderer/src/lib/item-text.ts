import { REFLECTION_PROMPTS, STEP_WORK_NAMES, stepOfEntry } from '../../../shared/companion/model';
import type { NotebookItem, StepWork } from '../../../shared/notebook/model';

/** What the lists of the person's writing (the Notebook, search) show of an item's words. */

/** A companion entry's own words, in reading order. */
function stepWorkText({ entry }: StepWork): string {
  switch (entry.type) {
    case 'step':
      return REFLECTION_PROMPTS[entry.step]
        .filter(({ id }) => entry.answers[id])
        .map(({ id, text }) => `${text}\n${entry.answers[id] ?? ''}`)
        .join('\n');
    case 'message':
    case 'need':
    case 'self-care':
      return entry.text;
    case 'contact':
      return entry.note;
    case 'weighing':
      return [entry.costs, entry.gives].filter(Boolean).join('\n');
  }
}

/** An item's words, as one text: for a preview, and for search. */
export function itemText(item: NotebookItem): string {
  switch (item.kind) {
    case 'highlight':
      return [`“${item.anchor.quote}”`, item.note].filter(Boolean).join(' ');
    case 'step-work':
      return stepWorkText(item);
    default:
      return item.text;
  }
}

/** A companion entry's title where it is listed: "Step 1 · Message". */
export function stepWorkTitle({ entry }: StepWork): string {
  return `Step ${stepOfEntry(entry)} · ${STEP_WORK_NAMES[entry.type]}`;
}
