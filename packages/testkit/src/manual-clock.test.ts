import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.ts';

describe('ManualClock', () => {
  it('wakes sleepers in deadline order when advanced past them', async () => {
    const clock = new ManualClock({ start: 1000 });
    const woke: string[] = [];
    void clock.sleep(50).then(() => woke.push(`b@${clock.now()}`));
    void clock.sleep(10).then(() => woke.push(`a@${clock.now()}`));
    void clock.sleep(500).then(() => woke.push('c'));
    await clock.advance(100);
    expect(woke).toEqual(['a@1010', 'b@1050']);
    expect(clock.now()).toBe(1100);
    expect(clock.pending).toBe(1);
  });

  it('rejects a sleep when its signal aborts and forgets it', async () => {
    const clock = new ManualClock();
    const ac = new AbortController();
    const p = clock.sleep(100, ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    expect(clock.pending).toBe(0);
  });

  it('tick jumps to the next deadline', async () => {
    const clock = new ManualClock({ start: 0 });
    let done = false;
    void clock.sleep(250).then(() => {
      done = true;
    });
    expect(await clock.tick()).toBe(true);
    expect(done).toBe(true);
    expect(clock.now()).toBe(250);
    expect(await clock.tick()).toBe(false);
  });
});
