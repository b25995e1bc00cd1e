import type { PartId, SectionId } from '../../../shared/guide/ids';
import type { Guide, Part, Section } from '../../../shared/guide/model';

const labelsByGuide = new WeakMap<Guide, Map<SectionId, string>>();

/** Every section of the guide in reading order, for lists to choose one from. */
export function sectionsOf(guide: Guide): Section[] {
  return guide.parts.flatMap((part) => part.sections);
}

/** A section's short name, as the contents show it; its id if the guide has no such section. */
export function sectionLabel(guide: Guide, id: SectionId): string {
  let labels = labelsByGuide.get(guide);
  if (!labels) {
    labels = new Map(sectionsOf(guide).map((section) => [section.id, section.label]));
    labelsByGuide.set(guide, labels);
  }
  return labels.get(id) ?? id;
}

/**
 * Neutral names for the contents, for when someone may glance at the screen: each part is
 * numbered after the introduction, and each section named by what kind of item it is.
 */
const DISCREET_NAMES: Record<PartId, { part: string; item: string }> = {
  opening: { part: 'Introduction', item: 'Introduction' },
  why: { part: 'Part 1', item: 'Reason' },
  avoid: { part: 'Part 2', item: 'Strategy' },
  steps: { part: 'Part 3', item: 'Step' },
};

/** A part's name in the contents: its label, or a neutral one with discreet titles. */
export function partLabel(part: Part, discreet: boolean): string {
  return discreet ? DISCREET_NAMES[part.id].part : part.label;
}

/**
 * A section's name in the contents: its label, or with discreet titles "Reason 1", "Step 3";
 * a part of one section shares the part's name.
 */
export function contentsLabel(
  part: Part,
  section: Section,
  indexInPart: number,
  discreet: boolean,
): string {
  if (!discreet) return section.label;
  const { part: partName, item } = DISCREET_NAMES[part.id];
  return part.sections.length === 1 ? partName : `${item} ${indexInPart + 1}`;
}
