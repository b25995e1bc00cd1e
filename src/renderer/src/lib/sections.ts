import type { SectionId } from '../../../shared/guide/ids';
import type { Guide, Section } from '../../../shared/guide/model';

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
