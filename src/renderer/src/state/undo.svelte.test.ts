import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UndoState } from './undo.svelte';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the undo notice', () => {
  it('stays until it is used or dismissed, however long that takes', () => {
    const undo = new UndoState();
    undo.offer({ message: 'Moved to the trash.', undo: async () => {} });
    vi.advanceTimersByTime(60 * 60_000);
    expect(undo.current?.message).toBe('Moved to the trash.');
    undo.dismiss();
    expect(undo.current).toBeNull();
  });

  it('runs the undo once, and a newer offer replaces an older one', async () => {
    const undo = new UndoState();
    const first = vi.fn(async () => {});
    const second = vi.fn(async () => {});
    undo.offer({ message: 'first', undo: first });
    undo.offer({ message: 'second', undo: second });
    await undo.undo();
    await undo.undo();
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(undo.current).toBeNull();
  });
});
