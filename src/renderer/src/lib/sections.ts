import type { PartId, SectionId } from '../../../shared/guide/ids';
import type { Guide, Part, Section } from '../../../shared/guide/model';

/** Every section of the guide in reading order, for lists to choose one from. */
function sectionsOf(guide: Guide): Section[] {
  return guide.parts.flatMap((part) => part.sections);
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
function partLabel(part: Part, discreet: boolean): string {
  return discreet ? DISCREET_NAMES[part.id].part : part.label;
}

/**
 * A section's name in the contents: its label, or with discreet titles "Reason 1", "Step 3";
 * a part of one section shares the part's name.
 */
function contentsLabel(
  part: Part,
  section: Section,
  indexInPart: number,
  discreet: boolean,
): string {
  if (!discreet) return section.label;
  const { part: partName, item } = DISCREET_NAMES[part.id];
  return part.sections.length === 1 ? partName : `${item} ${indexInPart + 1}`;
}

/**
 * What the app calls each section and part wherever it names one (the contents, the pager,
 * the notebook, the journal, search), so discreet titles hold on every screen, not only in
 * the contents. It reads the preference as it names, so whatever shows a name follows it.
 */
export class SectionNames {
  #guide: Guide;
  #preferences: { readonly discreetTitles: boolean };
  #places = new Map<SectionId, { part: Part; section: Section; indexInPart: number }>();

  constructor(guide: Guide, preferences: { readonly discreetTitles: boolean }) {
    this.#guide = guide;
    this.#preferences = preferences;
    for (const part of guide.parts) {
      part.sections.forEach((section, indexInPart) =>
        this.#places.set(section.id, { part, section, indexInPart }),
      );
    }
  }

  get discreet(): boolean {
    return this.#preferences.discreetTitles;
  }

  /** A section's short name, as the contents show it; its id if the guide has no such section. */
  section(id: SectionId): string {
    const place = this.#places.get(id);
    return place ? contentsLabel(place.part, place.section, place.indexInPart, this.discreet) : id;
  }

  /** A section's heading in a list of places to go: the author's, unless titles are discreet. */
  heading(id: SectionId): string {
    const place = this.#places.get(id);
    if (!place || this.discreet) return this.section(id);
    return place.section.heading ?? this.#guide.title;
  }

  part(part: Part): string {
    return partLabel(part, this.discreet);
  }

  /** Every section in reading order with its name, for lists to choose one from. */
  list(): { id: SectionId; name: string }[] {
    return sectionsOf(this.#guide).map((section) => ({
      id: section.id,
      name: this.section(section.id),
    }));
  }
}
