import {
  CAN_GIVE_NAMES,
  CONTACT_FROM_NAMES,
  REFLECTION_PROMPTS,
  STEP_STATUS_NAMES,
  STEP_WORK_NAMES,
  stepOfEntry,
} from '../companion/model';
import { formatDate } from '../dates';
import type { NotebookItem, StepWork } from './model';

/** What the lists of the person's writing (the Notebook, search) show of an item's words. */

/**
 * A companion entry in words, in reading order: what was written, and what was chosen with
 * it (a step's status, whether a need can be given, who reached out and when), so that
 * nothing shows as a blank card.
 */
function stepWorkText({ entry }: StepWork, locale: string): string {
  switch (entry.type) {
    case 'step':
      return [
        ...(entry.status ? [`Status: ${STEP_STATUS_NAMES[entry.status]}`] : []),
        ...REFLECTION_PROMPTS[entry.step]
          .filter(({ id }) => entry.answers[id])
          .map(({ id, text }) => `${text}\n${entry.answers[id] ?? ''}`),
      ].join('\n');
    case 'message':
      return entry.text;
    case 'need':
      return entry.canGive
        ? `${entry.text}\nCan you give him this? ${CAN_GIVE_NAMES[entry.canGive]}`
        : entry.text;
    case 'self-care':
      return entry.doneOn
        ? `${entry.text}\nDone on ${formatDate(entry.doneOn, locale)}`
        : entry.text;
    case 'contact':
      return [`${CONTACT_FROM_NAMES[entry.from]}, ${formatDate(entry.date, locale)}`, entry.note]
        .filter(Boolean)
        .join('\n');
    case 'weighing':
      return [
        ...(entry.costs ? [`What staying costs me: ${entry.costs}`] : []),
        ...(entry.gives ? [`What staying gives me: ${entry.gives}`] : []),
      ].join('\n');
  }
}

/**
 * An item's words, as one text: for a preview, and for search. Dates in it are written in
 * `locale`: the page's own, or main's when it indexes.
 */
export function itemText(item: NotebookItem, locale: string): string {
  switch (item.kind) {
    case 'highlight':
      return [`“${item.anchor.quote}”`, item.note].filter(Boolean).join(' ');
    case 'step-work':
      return stepWorkText(item, locale);
    default:
      return item.text;
  }
}

/** A companion entry's title where it is listed: "Step 1 · Message". */
export function stepWorkTitle({ entry }: StepWork): string {
  return `Step ${stepOfEntry(entry)} · ${STEP_WORK_NAMES[entry.type]}`;
}
