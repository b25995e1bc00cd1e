import type { Block, Section } from './model';

/** What separates blocks, and list items, in a section's text. */
const BLOCK_SEPARATOR = '\n\n';
const ITEM_SEPARATOR = '\n';

export interface TextRun {
  text: string;
  /** Where this run starts in the section's text. */
  offset: number;
}

/**
 * The section's text as one string, and each paragraph or list item's place in it. Anchors
 * are offsets into this string, which is the same wherever the section is shown.
 */
export function sectionTextRuns(section: Pick<Section, 'blocks'>): {
  text: string;
  runs: TextRun[][];
} {
  let text = '';
  const runs = section.blocks.map((block: Block, index) => {
    if (index > 0) text += BLOCK_SEPARATOR;
    const pieces = block.type === 'paragraph' ? [block.text] : block.items;
    return pieces.map((piece, pieceIndex) => {
      if (pieceIndex > 0) text += ITEM_SEPARATOR;
      const run = { text: piece, offset: text.length };
      text += piece;
      return run;
    });
  });
  return { text, runs };
}
