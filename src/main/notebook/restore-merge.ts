/** Between a section's note and a note put back from the trash into the same section. */
export const RESTORED_DIVIDER = '\n\n— Put back from the trash —\n\n';

/**
 * The text of a section's note once a trashed note of the same section is put back: both
 * texts stay, the section's own first, one after the other under a plain divider.
 */
export function mergedNoteText(sectionNote: string, restored: string): string {
  return `${sectionNote}${RESTORED_DIVIDER}${restored}`;
}
