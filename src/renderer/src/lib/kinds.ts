import type { NotebookKind } from '../../../shared/notebook/model';

/** The name of each kind of thing search can find, and the notebook lists. */
export const KIND_NAMES: Record<'guide' | NotebookKind, string> = {
  guide: 'Guide',
  note: 'Note',
  highlight: 'Highlight',
  'journal-entry': 'Journal entry',
  'step-work': 'Step work',
};

/** The same kinds, for choosing all of one. */
export const KIND_PLURALS: Record<NotebookKind, string> = {
  note: 'Notes',
  highlight: 'Highlights',
  'journal-entry': 'Journal',
  'step-work': 'Step work',
};
