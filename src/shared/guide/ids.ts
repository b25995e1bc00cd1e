/**
 * The guide is one article, kept word for word. Sections have stable ids because notes,
 * highlights and reading positions refer to them long after the text was imported.
 * This file stays free of zod so the renderer can use it without bundling a validator.
 */
export const SECTION_IDS = [
  'intro',
  'reason-1',
  'reason-2',
  'reason-3',
  'reason-4',
  'reason-5',
  'avoid-1',
  'avoid-2',
  'step-1',
  'step-2',
  'step-3',
  'step-4',
  'step-5',
  'step-6',
  'step-7',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export const PART_IDS = ['opening', 'why', 'avoid', 'steps'] as const;
export type PartId = (typeof PART_IDS)[number];
