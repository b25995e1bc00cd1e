import { beforeEach, describe, expect, it, vi } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { tempDirs } from '../../../test/support/temp-dir';
import { openMainServices } from '../services';

vi.mock('electron', () => import('../../../test/support/fake-electron'));

const makeDir = tempDirs();
let cwd: string;
beforeEach(() => {
  cwd = makeDir();
});

const open = () => openMainServices(cwd, captureLogger()).reading;

describe('the reading service', () => {
  it('starts with nothing read', () => {
    expect(open().state()).toEqual({ lastSectionId: null, sections: {} });
  });

  it('remembers the last section and where in it the reader stood', () => {
    const reading = open();
    reading.record({ sectionId: 'reason-2', position: 0.4, seen: 0.6 });
    reading.record({ sectionId: 'step-5', position: 0.25, seen: 0.5 });
    expect(open().state()).toEqual({
      lastSectionId: 'step-5',
      sections: {
        'reason-2': { position: 0.4, progress: 0.6 },
        'step-5': { position: 0.25, progress: 0.5 },
      },
    });
  });

  it('never lowers progress when the reader scrolls back up', () => {
    const reading = open();
    reading.record({ sectionId: 'step-1', position: 1, seen: 1 });
    reading.record({ sectionId: 'step-1', position: 0, seen: 0.2 });
    expect(open().state().sections['step-1']).toEqual({ position: 0, progress: 1 });
  });
});
