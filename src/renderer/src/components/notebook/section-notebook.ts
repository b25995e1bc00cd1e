/**
 * What a section shows of the person's own writing (their highlights placed in the text,
 * the list of them, the notes, the tools for making more, and beside a step, the work on
 * it) loads once the notebook has opened:
 * none of it can show before, and together it would take what must load before the guide
 * appears over its goal (BENCHMARKS.md).
 */
export { placeAnchor } from '../../../../shared/guide/anchoring';
export { default as HighlightTools } from './HighlightTools.svelte';
export { default as NotesPanel } from './NotesPanel.svelte';
export { default as SectionHighlights } from './SectionHighlights.svelte';
export { default as StepReflection } from '../companion/StepReflection.svelte';
