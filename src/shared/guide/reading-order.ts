import type { Guide, Part, Section, SectionId } from './model';

/** A section together with where it sits in the reading order. */
export interface SectionPlace {
  part: Part;
  section: Section;
  index: number;
  isFirstOfPart: boolean;
}

export function listSections(guide: Guide): SectionPlace[] {
  let index = 0;
  return guide.parts.flatMap((part) =>
    part.sections.map((section, indexInPart) => ({
      part,
      section,
      index: index++,
      isFirstOfPart: indexInPart === 0,
    })),
  );
}

export function findSection(places: SectionPlace[], id: SectionId): SectionPlace | undefined {
  return places.find((place) => place.section.id === id);
}
