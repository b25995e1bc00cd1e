import { z } from 'zod';
import { PART_IDS, SECTION_IDS, type PartId, type SectionId } from './ids';

/** The schema of resources/guide/guide.json; the file is checked against it in the tests. */
export const SectionIdSchema = z.enum(SECTION_IDS);
export const PartIdSchema = z.enum(PART_IDS);
export type { PartId, SectionId };

const text = z.string().min(1);

export const BlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), text }),
  z.object({ type: z.literal('list'), ordered: z.boolean(), items: z.array(text).min(1) }),
]);
export type Block = z.infer<typeof BlockSchema>;

export const SectionSchema = z.object({
  id: SectionIdSchema,
  /** A short name for the table of contents, written by us, not the author. */
  label: text,
  /** The author's own heading. The opening section has none: the article title stands there. */
  heading: text.nullable(),
  blocks: z.array(BlockSchema).min(1),
});
export type Section = z.infer<typeof SectionSchema>;

export const PartSchema = z.object({
  id: PartIdSchema,
  /** A short name for the table of contents, written by us. */
  label: text,
  heading: text.nullable(),
  /** The author's paragraphs between the part heading and its first section. */
  lead: z.array(BlockSchema),
  sections: z.array(SectionSchema).min(1),
});
export type Part = z.infer<typeof PartSchema>;

export const GuideSchema = z
  .object({
    title: text,
    author: text,
    /** ISO date of first publication. */
    published: z.iso.date(),
    /** The byline exactly as the source prints it. */
    byline: text,
    /** Bumped whenever the text changes, so anchors into the old text can be re-placed. */
    version: z.number().int().positive(),
    parts: z.array(PartSchema).min(1),
  })
  .superRefine((guide, ctx) => {
    const ids = guide.parts.flatMap((part) => part.sections.map((section) => section.id));
    if (ids.join() !== SECTION_IDS.join()) {
      ctx.addIssue({
        code: 'custom',
        path: ['parts'],
        message: `sections must appear once each, in order: ${SECTION_IDS.join(', ')}`,
      });
    }
  });
export type Guide = z.infer<typeof GuideSchema>;
