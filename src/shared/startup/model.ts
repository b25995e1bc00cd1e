import type { Startup } from './schemas';

/** What the page opens with; the schema, and the type inferred from it, are in ./schemas. */
export type { Startup };
