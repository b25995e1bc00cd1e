/**
 * The pages beside the guide, loaded the first time they are opened: none of them is needed
 * to show the guide, and together they would double what has to load before it appears.
 */
export const PAGE_LOADERS = {
  journal: () => import('../components/notebook/JournalView.svelte'),
  notebook: () => import('../components/notebook/NotebookView.svelte'),
  privacy: () => import('../components/PrivacySettings.svelte'),
  passphrase: () => import('../components/vault/ChangePassphrase.svelte'),
};
export type LazyPage = keyof typeof PAGE_LOADERS;
export type PageComponents = {
  [P in LazyPage]?: Awaited<ReturnType<(typeof PAGE_LOADERS)[P]>>['default'];
};

/** Loads every page in the background, so opening one later is instant. */
export function preloadPages(): void {
  for (const load of Object.values(PAGE_LOADERS)) void load().catch(() => {});
}
