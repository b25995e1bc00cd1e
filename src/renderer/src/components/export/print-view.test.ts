import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { openRealMain } from '../../../../../test/support/real-api';
import { guide } from '../../lib/guide';
import { SectionNames } from '../../lib/sections';
import { NotebookState } from '../../state/notebook.svelte';
import PrintView from './PrintView.svelte';

/** The print view on the real main's notebook; the PDF it makes is checked in test/e2e. */
async function openPrintView(what: 'notebook' | 'journal', discreetTitles: boolean) {
  const app = await openRealMain();
  await app.api.saveNote({ sectionId: 'reason-2', text: 'A **note** in Markdown' });
  await app.api.saveStepWork({
    entry: { type: 'need', text: 'Space at weekends', canGive: 'yes' },
  });
  await app.api.saveJournalEntry({
    date: '2026-03-02',
    text: 'The later day',
    mood: 5,
    tags: ['calm'],
    sectionId: 'step-3',
  });
  await app.api.saveJournalEntry({
    date: '2026-03-01',
    text: 'The earlier day',
    mood: null,
    tags: [],
    sectionId: null,
  });
  const notebook = new NotebookState(app.api);
  await notebook.load();
  render(PrintView, {
    props: { notebook, what, names: new SectionNames(guide, { discreetTitles }) },
  });
  return screen.getByRole('article');
}

const label = (id: string) =>
  guide.parts.flatMap((part) => part.sections).find((section) => section.id === id)?.label ?? '';

describe('the print view', () => {
  it('lays out the notebook by section, a note’s Markdown as the note shows it', async () => {
    const sheet = await openPrintView('notebook', false);
    expect(screen.getByRole('heading', { level: 1, name: 'Notebook' })).toBeInTheDocument();
    const sections = [...sheet.querySelectorAll('h2')].map((heading) => heading.textContent);
    expect(sections).toEqual([label('reason-2'), `Step 3 · ${label('step-3')}`]);
    expect(sheet.querySelector('.note strong')?.textContent).toBe('note');
    expect(sheet.textContent).toContain('Can you give him this? Yes');
    expect(sheet.textContent).toContain('Space at weekends');
    expect(sheet.textContent).not.toContain('The earlier day');
  });

  it('lays out the journal day by day, the first day first', async () => {
    const sheet = await openPrintView('journal', false);
    const text = sheet.textContent ?? '';
    expect(text.indexOf('The earlier day')).toBeLessThan(text.indexOf('The later day'));
    expect(text).toContain('Mood: 5 · Very good');
    expect(text).toContain(`About: ${label('step-3')}`);
    expect(text).not.toContain('Space at weekends');
  });

  it('names no section by its title with discreet titles', async () => {
    const notebook = (await openPrintView('notebook', true)).textContent ?? '';
    expect(notebook).toContain('Reason 2');
    expect(notebook).not.toContain(label('reason-2'));
    expect(notebook).not.toContain(label('step-3'));
    render(PrintView, {
      props: {
        notebook: { items: [], complete: true },
        what: 'journal',
        names: new SectionNames(guide, { discreetTitles: true }),
      },
    });
    expect(screen.getByText('Nothing here yet.')).toBeInTheDocument();
  });

  it('says beside its toolbar that paper and a PDF are not protected', async () => {
    await openPrintView('journal', false);
    expect(screen.getByText(/A printed page or a PDF is not protected/)).toBeInTheDocument();
  });
});
