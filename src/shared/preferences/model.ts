import type { ReaderPreferences } from './schemas';

/**
 * Reader preferences: neutral settings that say nothing about what the user reads or writes.
 * Plain constants, so the renderer can use them without bundling a validator; the schema
 * and the types inferred from it are in ./schemas.
 */
export const THEMES = ['system', 'light', 'sepia', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Text sizes as a scale of the base reading size, smallest first. */
export const TEXT_SCALES = [0.875, 1, 1.125, 1.25, 1.5, 1.75] as const;
export type TextScale = (typeof TEXT_SCALES)[number];

/** The typeface of the guide's text: Literata (serif) or Inter (sans), both shipped in the app. */
export const READING_FONTS = ['serif', 'sans'] as const;
export type ReadingFont = (typeof READING_FONTS)[number];

/** Space between the lines of the guide's text, tightest first. */
export const LINE_SPACINGS = ['compact', 'comfortable', 'airy'] as const;
export type LineSpacing = (typeof LINE_SPACINGS)[number];

/** How long a line of the guide runs: about 55, 65 and 75 characters. */
export const LINE_WIDTHS = ['narrow', 'medium', 'wide'] as const;
export type LineWidth = (typeof LINE_WIDTHS)[number];

/**
 * What unlocking opens: a start page that says nothing about the guide, or the guide where
 * the reader left off. The quiet start page comes first: see the README, "Discretion".
 */
export const UNLOCK_OPENS = ['start-page', 'last-place'] as const;
export type UnlockOpens = (typeof UNLOCK_OPENS)[number];

/**
 * The window's title, in the title bar, the task bar and the window switcher: never what is
 * being read, and with discreet titles not even the app's own name.
 */
export function windowTitle(discreetTitles: boolean): string {
  return discreetTitles ? 'Notes' : 'Stillwater';
}

export type { ReaderPreferences };

export const DEFAULT_READER_PREFERENCES: ReaderPreferences = {
  theme: 'system',
  textScale: 1,
  readingFont: 'serif',
  lineSpacing: 'comfortable',
  lineWidth: 'medium',
  focusMode: false,
  unlockOpens: 'start-page',
  discreetTitles: false,
  spellCheck: false,
};

/** The next size up (step 1) or down (step -1), staying at the ends of the scale. */
export function stepTextScale(current: TextScale, step: 1 | -1): TextScale {
  const index = TEXT_SCALES.indexOf(current);
  const next = Math.min(TEXT_SCALES.length - 1, Math.max(0, index + step));
  return TEXT_SCALES[next] ?? current;
}
