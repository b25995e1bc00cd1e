import { z } from 'zod';
import { SectionIdSchema } from '../guide/model';
import { MAX_QUERY_LENGTH, MAX_RESULTS, SEARCH_KINDS } from './model';

export const SearchInputSchema = z
  .object({
    query: z.string().max(MAX_QUERY_LENGTH),
    limit: z.number().int().min(1).max(MAX_RESULTS).optional(),
  })
  .strict();

const SnippetPieceSchema = z.object({ text: z.string(), match: z.boolean() }).strict();

/**
 * One result, as the page shows it: what it is and where it leads, its title as main names
 * it (the page names guide sections itself, for discreet titles), and a short piece of its
 * words with the matches marked. Never the whole text.
 */
export const SearchHitSchema = z
  .object({
    id: z.string().min(1).max(64),
    kind: z.enum(SEARCH_KINDS),
    sectionId: SectionIdSchema.nullable(),
    title: z.string(),
    /** The words it matched, as indexed: the reader finds the passage of a guide result by them. */
    terms: z.array(z.string()),
    snippet: z.array(SnippetPieceSchema),
  })
  .strict();

export type SearchHit = z.infer<typeof SearchHitSchema>;
export type SearchKind = SearchHit['kind'];
