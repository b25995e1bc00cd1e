/**
 * The pages beside the guide, loaded the first time they are opened: none of them is needed
 * to show the guide, and together they would double what has to load before it appears.
 */
export const PAGE_LOADERS = {
  journal: () => import('../components/notebook/JournalView.svelte'),
  notebook: () => import('../components/notebook/NotebookView.svelte'),
  settings: () => import('../components/settings/SettingsView.svelte'),
  steps: () => import('../components/companion/StepsView.svelte'),
  care: () => import('../components/companion/CarePage.svelte'),
  print: () => import('../components/export/PrintView.svelte'),
};
export type LazyPage = keyof typeof PAGE_LOADERS;

type SectionNotebook = typeof import('../components/notebook/section-notebook');
let sectionNotebook: SectionNotebook | undefined;

/** The person's own parts of a section, once loaded: a section opened again has them at once. */
export const sectionNotebookLoaded = (): SectionNotebook | undefined => sectionNotebook;

/** Loads them (see section-notebook.ts), the first time the notebook is open. */
export async function loadSectionNotebook(): Promise<SectionNotebook> {
  sectionNotebook ??= await import('../components/notebook/section-notebook');
  return sectionNotebook;
}

/** The search panel, loaded the first time search is opened. */
export const loadSearchPanel = () => import('../components/notebook/SearchPanel.svelte');
export type PageComponents = {
  [P in LazyPage]?: Awaited<ReturnType<(typeof PAGE_LOADERS)[P]>>['default'];
};

/** Loads every page in the background, so opening one later is instant. */
export function preloadPages(): void {
  for (const load of [...Object.values(PAGE_LOADERS), loadSearchPanel]) {
    void load().catch(() => {});
  }
}
