import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openReader } from '../../../../../test/support/open-reader';
import { TEST_PASSPHRASE, openRealMain } from '../../../../../test/support/real-api';
import { guide } from '../../lib/guide';
import { AUTOSAVE_DELAY_MS } from '../../state/notebook.svelte';

const disk = vi.hoisted(() => ({ refusal: null as string | null }));

// A full disk, as main meets it: the file system is real, and only its answer to writing a
// new file is replaced, with the error a full disk gives. (A read-only folder would not do:
// these tests may run as root, whom permissions do not stop. Nor can node:fs be replaced
// here: under jsdom, main's imports of Node's own modules bypass vi.mock.)
vi.mock('../../../../main/vault/atomic-file', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../main/vault/atomic-file')>();
  return {
    ...real,
    writeFileAtomic: (target: string, bytes: Uint8Array) =>
      disk.refusal
        ? Promise.reject(Object.assign(new Error('refused'), { code: disk.refusal }))
        : real.writeFileAtomic(target, bytes),
  };
});

const notesField = () => screen.getByRole('textbox', { name: 'Your notes on this section' });

/**
 * From here on the autosave pause runs on a fake clock that moves only when the test says:
 * on the real one, a busy machine can let the pause run out between the last key and the
 * next line. Returns a user-event that moves the fake clock for its own small waits.
 */
function onFakeClock() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  return userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
}

afterEach(() => {
  vi.useRealTimers();
  disk.refusal = null;
});

describe('section notes', () => {
  it('names a full disk when a save fails, and keeps the words to try again', async () => {
    const { user, main } = await openReader();
    disk.refusal = 'ENOSPC';
    await user.type(notesField(), 'Kept while the disk is full.');
    await user.tab();
    expect(
      await screen.findByText(
        'Not saved. The disk is full. Nothing was lost. Free some space and try again. Your words are still here.',
      ),
    ).toBeInTheDocument();
    expect(notesField()).toHaveValue('Kept while the disk is full.');
    disk.refusal = null;
    await user.type(notesField(), ' Saved now.');
    await user.tab();
    await waitFor(async () =>
      expect(await main.items()).toMatchObject([
        { text: 'Kept while the disk is full. Saved now.' },
      ]),
    );
  });

  it('names only the section when saving, so main decides which note it is', async () => {
    const { user, main } = await openReader();
    await user.type(notesField(), 'One.');
    await user.tab();
    await waitFor(() => expect(main.answers('saveNote')).not.toEqual([]));
    await user.type(notesField(), ' Two.');
    await user.tab();
    await waitFor(async () => expect(await main.items()).toMatchObject([{ text: 'One. Two.' }]));
    for (const { input } of main.answers('saveNote'))
      expect(Object.keys(input).sort()).toEqual(['sectionId', 'text']);
  });

  it('saves by itself a moment after typing stops', async () => {
    const { main } = await openReader();
    const user = onFakeClock();
    await user.type(notesField(), 'First thoughts.');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 1);
    expect(screen.getByText('Not saved yet')).toBeInTheDocument();
    expect(await main.items()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await waitFor(() => expect(screen.getByText('Saved')).toBeInTheDocument());
    expect(await main.items()).toMatchObject([
      { kind: 'note', sectionId: 'intro', text: 'First thoughts.' },
    ]);
    expect(screen.getByText('Saved')).toBeInTheDocument();
  });

  it('saves at once when the field loses focus', async () => {
    const { main } = await openReader();
    const user = onFakeClock();
    await user.type(notesField(), 'Quick.');
    await user.tab();
    // Waits for the save without moving the clock: the pause in typing has not run out.
    await waitFor(async () => expect((await main.items())[0]).toMatchObject({ text: 'Quick.' }));
  });

  it('saves what was typed before locking, even straight after the last key', async () => {
    const { user, main } = await openReader();
    await user.type(notesField(), 'Do not lose this.');
    await user.click(screen.getByRole('button', { name: 'Lock' }));
    expect(
      await screen.findByRole('heading', { name: 'Stillwater is locked' }),
    ).toBeInTheDocument();
    await main.services.vault.unlock(TEST_PASSPHRASE);
    expect(await main.items()).toMatchObject([{ text: 'Do not lose this.' }]);
  });

  it('keeps each section’s note to itself', async () => {
    const { user, main } = await openReader();
    await user.type(notesField(), 'About the introduction.');
    await user.click(screen.getByRole('button', { name: /^Next/ }));
    expect(notesField()).toHaveValue('');
    await user.type(notesField(), 'About reason one.');
    await user.tab();
    await waitFor(async () =>
      expect((await main.items()).map((i) => (i.kind === 'note' ? i.sectionId : ''))).toEqual([
        'intro',
        'reason-1',
      ]),
    );
    await user.click(screen.getByRole('button', { name: /^Previous/ }));
    expect(notesField()).toHaveValue('About the introduction.');
  });

  it('shows light formatting safely: hostile markup stays text and runs nothing', async () => {
    const { user } = await openReader();
    const hostile =
      '**bold** <img src=x onerror="window.__ran=1"> <script>window.__ran=2</script> [go](javascript:alert(1))';
    await fireEvent.input(notesField(), { target: { value: hostile } });
    await user.click(screen.getByRole('button', { name: 'Show formatting' }));
    const preview = document.querySelector('.preview') as HTMLElement;
    await waitFor(() => expect(preview.querySelector('strong')).toHaveTextContent('bold'));
    expect(preview.querySelector('img, script, a')).toBeNull();
    expect(preview.textContent).toContain('<img src=x onerror="window.__ran=1">');
    expect((window as unknown as { __ran?: number }).__ran).toBeUndefined();
  });

  it('keeps emoji, right-to-left text and combining characters intact', async () => {
    const { user, main } = await openReader();
    const text = '😀👩‍👩‍👧 שלום עליכם e\u0301 Z\u0351\u0352';
    await fireEvent.input(notesField(), { target: { value: text } });
    await user.tab();
    await waitFor(async () => expect((await main.items())[0]).toMatchObject({ text }));
  });
});

describe('highlights', () => {
  function selectInFirstParagraph(from: string, length: number) {
    const paragraph = screen
      .getByRole('main')
      .querySelector('article [data-offset]') as HTMLElement;
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    let textNode = walker.nextNode() as Text;
    while (!textNode.textContent?.includes(from)) textNode = walker.nextNode() as Text;
    const start = (textNode.textContent ?? '').indexOf(from);
    const range = document.createRange();
    range.setStart(textNode, start);
    range.setEnd(textNode, start + length);
    const selection = document.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    document.dispatchEvent(new Event('selectionchange'));
  }

  it('turns a selected passage into a highlight, anchored with its context', async () => {
    const { main } = await openReader();
    selectInFirstParagraph(
      'relationships have high points',
      'relationships have high points'.length,
    );
    const toolbar = await screen.findByRole('toolbar', { name: 'Highlight' });
    // A plain click: user-event would move the selection itself, as a real pointer does not
    // once the button has refused to take focus.
    await fireEvent.click(within(toolbar).getByRole('button', { name: 'Highlight in green' }));
    await waitFor(async () => expect(await main.items()).toHaveLength(1));
    const [highlight] = await main.items();
    expect(highlight).toMatchObject({
      kind: 'highlight',
      sectionId: 'intro',
      colour: 'green',
      anchor: { quote: 'relationships have high points', guideVersion: guide.version },
    });
    const mark = await waitFor(() =>
      screen.getByText('relationships have high points', { selector: 'mark' }),
    );
    expect(mark).toHaveAttribute('data-colour', 'green');
    expect(
      screen.getByRole('heading', { name: 'Your highlights in this section' }),
    ).toBeInTheDocument();
  });

  it('lists a highlight whose passage is gone, instead of dropping it', async () => {
    const main = await openRealMain();
    await main.api.saveHighlight({
      sectionId: 'intro',
      anchor: {
        quote: 'words that are not in the guide at all',
        prefix: '',
        suffix: '',
        start: 5,
        end: 44,
        guideVersion: 1,
      },
      colour: 'blue',
      note: 'kept anyway',
    });
    await openReader(main);
    expect(await screen.findByText('words that are not in the guide at all')).toBeInTheDocument();
    expect(screen.getByText(/could not be found in the guide’s text any more/)).toBeInTheDocument();
    expect(screen.getByDisplayValue('kept anyway')).toBeInTheDocument();
  });
});
