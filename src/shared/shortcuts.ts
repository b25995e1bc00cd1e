import { DEFAULT_PANIC_SHORTCUT } from './privacy/model';

/** One key combination Stillwater answers to, and what it does, in About's words. */
export interface Shortcut {
  /** Electron accelerator syntax: modifiers, then one key, joined by "+". */
  readonly keys: string;
  readonly does: string;
}

/**
 * Every shortcut Stillwater has, in one list: the menu takes its accelerators from here, the
 * page matches its own keys against it, and About shows each one, so none can drift from
 * what the app really does. Plain values, so both processes can import it.
 */
export const SHORTCUTS = {
  nextSection: { keys: 'Right', does: 'Next section, while reading' },
  previousSection: { keys: 'Left', does: 'Previous section, while reading' },
  nextSectionFromMenu: { keys: 'CmdOrCtrl+]', does: 'Next section, from anywhere' },
  previousSectionFromMenu: { keys: 'CmdOrCtrl+[', does: 'Previous section, from anywhere' },
  nextParagraph: { keys: 'Down', does: 'Next paragraph, in the guide’s text' },
  previousParagraph: { keys: 'Up', does: 'Previous paragraph, in the guide’s text' },
  selectNextWord: {
    keys: 'Shift+Right',
    does: 'Select the next word too, in the paragraph in focus',
  },
  selectPreviousWord: {
    keys: 'Shift+Left',
    does: 'Select one word less, or the word before, in the paragraph in focus',
  },
  highlight: {
    keys: 'CmdOrCtrl+Shift+H',
    does: 'Highlight: the selected words, the sentence at the cursor, or the paragraph in focus',
  },
  openHighlight: { keys: 'Enter', does: 'Open the highlight in focus: colour, note, remove' },
  search: { keys: 'CmdOrCtrl+F', does: 'Search the guide and your notebook' },
  nextResult: { keys: 'Down', does: 'Next search result' },
  previousResult: { keys: 'Up', does: 'Previous search result, then back to the search field' },
  close: {
    keys: 'Escape',
    does: 'Close the search, the contents or a dialog, then leave focus mode',
  },
  textLarger: { keys: 'CmdOrCtrl+=', does: 'Larger text' },
  textSmaller: { keys: 'CmdOrCtrl+-', does: 'Smaller text' },
  textReset: { keys: 'CmdOrCtrl+0', does: 'Text back to its usual size' },
  lock: { keys: 'CmdOrCtrl+L', does: 'Lock Stillwater' },
  quickHide: {
    keys: DEFAULT_PANIC_SHORTCUT,
    does: 'Hide Stillwater at once and lock it, even from another program (set in Privacy)',
  },
} as const satisfies Record<string, Shortcut>;

export type ShortcutName = keyof typeof SHORTCUTS;
