import type { SectionId } from '../../shared/guide/ids';
import { ReadingStateSchema } from '../../shared/ipc/contract';
import { EMPTY_READING_STATE, type ReadingState } from '../../shared/reading';
import type { Logger } from '../logger';
import type { VaultSession } from '../vault/vault-session';

export interface PositionReport {
  sectionId: SectionId;
  /** Where the reader stands now, 0 at the top of the section and 1 at its end. */
  position: number;
  /** How much of the section has been on screen so far. */
  seen: number;
}

export const READING_STATE_KIND = 'reading-state';

/**
 * Where the reader is in the guide. It lives in the vault, because what someone reads, and
 * how far, says as much about them as what they write.
 */
export function createReadingService(session: VaultSession, logger: Logger) {
  const recordId = () => session.current().singletonId(READING_STATE_KIND);

  async function state(): Promise<ReadingState> {
    const record = await session.current().get(recordId());
    if (!record) return structuredClone(EMPTY_READING_STATE);
    const parsed = ReadingStateSchema.safeParse(record.body);
    if (parsed.success) return parsed.data;
    logger.warn('the saved reading position has an unexpected shape; starting from the beginning');
    return structuredClone(EMPTY_READING_STATE);
  }

  return {
    state,
    async record({ sectionId, position, seen }: PositionReport): Promise<void> {
      const current = await state();
      const previous = current.sections[sectionId]?.progress ?? 0;
      current.sections[sectionId] = { position, progress: Math.max(previous, seen) };
      current.lastSectionId = sectionId;
      await session.current().put(READING_STATE_KIND, current, recordId());
    },
  };
}
export type ReadingService = ReturnType<typeof createReadingService>;
