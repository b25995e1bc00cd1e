import { describe, expect, it } from 'vitest';
import { StillwaterIpcError } from '../../../shared/ipc/result';
import { Submission } from './submission.svelte';

describe('Submission', () => {
  it('is busy while the work is on its way, and sends once however often it is pressed', async () => {
    const submission = new Submission('unlock');
    let finish = () => {};
    let sent = 0;
    const work = () =>
      new Promise<void>((resolve) => {
        sent += 1;
        finish = resolve;
      });
    const first = submission.submit(work);
    expect(submission.busy).toBe(true);
    await expect(submission.submit(work)).resolves.toBe(false);
    finish();
    await expect(first).resolves.toBe(true);
    expect(sent).toBe(1);
    expect(submission.busy).toBe(false);
    expect(submission.error).toBe('');
  });

  it('says kindly why it was refused, and whether the typed key was the reason', async () => {
    const submission = new Submission('recover');
    let seen: unknown = null;
    const refused = await submission.submit(
      () => Promise.reject(new StillwaterIpcError({ kind: 'wrong-passphrase', message: '' })),
      (failure) => (seen = failure),
    );
    expect(refused).toBe(false);
    expect(submission.error).toBe(
      'That recovery key did not open Stillwater. Please check it and try again.',
    );
    expect(submission.aboutTheField).toBe(true);
    expect(seen).toBeInstanceOf(StillwaterIpcError);

    await submission.submit(() => Promise.reject(new Error('no answer')));
    expect(submission.error).toBe(
      'Something went wrong. Nothing you wrote has been lost. Please try again.',
    );
    expect(submission.aboutTheField).toBe(false);
  });
});
