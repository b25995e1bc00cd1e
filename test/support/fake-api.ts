import type { StillwaterApi } from '../../src/shared/ipc/api';
import type { MenuCommand } from '../../src/shared/menu-commands';
import { DEFAULT_READER_PREFERENCES, type ReaderPreferences } from '../../src/shared/preferences';
import { EMPTY_READING_STATE, type ReadingState } from '../../src/shared/reading';

/**
 * An in-memory stand-in for `window.stillwater` in component tests. It keeps what it is
 * told the way main would, so a test can check what the renderer saved.
 */
export function createFakeApi(
  initial: { preferences?: ReaderPreferences; reading?: ReadingState } = {},
) {
  let preferences = { ...DEFAULT_READER_PREFERENCES, ...initial.preferences };
  const reading: ReadingState = structuredClone(initial.reading ?? EMPTY_READING_STATE);
  const menuListeners = new Set<(command: MenuCommand) => void>();
  let failReading = false;

  const api: StillwaterApi = {
    getPreferences: async () => ({ ...preferences }),
    updatePreferences: async (patch) => {
      preferences = { ...preferences, ...patch };
      return { ...preferences };
    },
    getReadingState: async () => {
      if (failReading) throw new Error('reading state unavailable');
      return structuredClone(reading);
    },
    recordReadingPosition: async ({ sectionId, position, seen }) => {
      const previous = reading.sections[sectionId]?.progress ?? 0;
      reading.sections[sectionId] = { position, progress: Math.max(previous, seen) };
      reading.lastSectionId = sectionId;
    },
    onMenuCommand: (listener) => {
      menuListeners.add(listener);
      return () => menuListeners.delete(listener);
    },
  };

  return {
    api,
    preferences: () => preferences,
    reading: () => reading,
    sendMenuCommand: (command: MenuCommand) =>
      menuListeners.forEach((listener) => listener(command)),
    failReadingState: () => (failReading = true),
  };
}
