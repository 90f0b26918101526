import { ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.ts';

describe('LoginThrottle', () => {
  it('refuses a username after five failures until fifteen minutes pass', async () => {
    const clock = new ManualClock();
    const t = new LoginThrottle({ clock });
    for (let i = 0; i < 4; i++) t.failed('Ops');
    expect(t.retryAfterMs('ops')).toBe(0);
    t.failed('ops');
    expect(t.retryAfterMs('OPS')).toBe(15 * 60_000);
    expect(t.retryAfterMs('someone-else')).toBe(0);
    await clock.advance(15 * 60_000 - 1);
    expect(t.retryAfterMs('ops')).toBe(1);
    await clock.advance(1);
    expect(t.retryAfterMs('ops')).toBe(0);
  });

  it('forgets failures when the sign-in succeeds, and forgets the oldest names when full', () => {
    const clock = new ManualClock();
    const t = new LoginThrottle({ clock, maxFailures: 1, maxEntries: 2 });
    t.failed('a');
    t.succeeded('a');
    expect(t.retryAfterMs('a')).toBe(0);
    t.failed('a');
    t.failed('b');
    t.failed('c');
    expect(t.retryAfterMs('a')).toBe(0);
    expect(t.retryAfterMs('c')).toBeGreaterThan(0);
  });
});
