import { itemText as itemTextIn, stepWorkTitle } from '../../../shared/notebook/item-text';
import type { NotebookItem } from '../../../shared/notebook/model';
import { computerLocale } from './dates';
import { KIND_NAMES } from './kinds';

export { stepWorkTitle };

/** An item's words, as one text, with its dates in the computer's language. */
export function itemText(item: NotebookItem): string {
  return itemTextIn(item, computerLocale());
}

/** What an item is, where it is listed: its kind, or for the companion, its step and tool. */
export function itemName(item: NotebookItem): string {
  return item.kind === 'step-work' ? stepWorkTitle(item) : KIND_NAMES[item.kind];
}
