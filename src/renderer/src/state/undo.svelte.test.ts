import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UndoState } from './undo.svelte';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the undo notice', () => {
  it('stays at least ten seconds, then goes', () => {
    const undo = new UndoState();
    undo.offer({ message: 'Moved to the trash.', undo: async () => {} });
    vi.advanceTimersByTime(10_000);
    expect(undo.current?.message).toBe('Moved to the trash.');
    vi.advanceTimersByTime(2_000);
    expect(undo.current).toBeNull();
  });

  it('waits while focus or the pointer is on it, and starts its wait again after', () => {
    const undo = new UndoState();
    undo.offer({ message: 'Highlight removed.', undo: async () => {} });
    undo.hold(true);
    vi.advanceTimersByTime(120_000);
    expect(undo.current).not.toBeNull();
    undo.hold(false);
    vi.advanceTimersByTime(11_000);
    expect(undo.current).not.toBeNull();
    vi.advanceTimersByTime(1_000);
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
