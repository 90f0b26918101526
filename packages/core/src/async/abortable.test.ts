import { describe, expect, it } from 'vitest';
import { abortable } from './abortable.ts';

describe('abortable', () => {
  it('settles with the promise when no abort comes', async () => {
    await expect(abortable(Promise.resolve(7), new AbortController().signal)).resolves.toBe(7);
    await expect(abortable(Promise.reject(new Error('x')))).rejects.toThrow('x');
  });

  it('rejects with the reason as soon as the signal aborts, or at once when already aborted', async () => {
    const ac = new AbortController();
    const pending = abortable(new Promise<number>(() => {}), ac.signal);
    ac.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    await expect(abortable(Promise.resolve(1), AbortSignal.abort(new Error('early')))).rejects.toThrow(
      'early',
    );
  });
});
