import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';
import type { LimitRule } from './rules.ts';
import { SlidingWindow } from './sliding-window.ts';

describe('SlidingWindow', () => {
  it('counts exactly the weight inside (now - window, now]', () => {
    const w = new SlidingWindow(1000);
    w.add(0, 3);
    w.add(500, 2);
    expect(w.used(999)).toBe(5);
    expect(w.used(1000)).toBe(2);
    expect(w.used(1500)).toBe(0);
    expect(w.isEmpty(1500)).toBe(true);
  });

  it('tells how long until a weight fits', () => {
    const w = new SlidingWindow(1000);
    w.add(0, 4);
    w.add(300, 4);
    expect(w.waitFor(400, 2, 10)).toBe(0);
    expect(w.waitFor(400, 3, 10)).toBe(600);
    expect(w.waitFor(400, 7, 10)).toBe(900);
    expect(w.resetAt(400)).toBe(1000);
  });
});

describe('RateLimiter', () => {
  const rule: LimitRule = { name: 't', scope: 'account', windowMs: 1000, limit: 3, perEndpoint: true };

  it('accepts up to the limit per scope and endpoint, and does not count rejected requests', () => {
    const l = new RateLimiter();
    const a = { ip: '1', account: 'a', endpoint: '/x' };
    for (let i = 0; i < 3; i++) expect(l.check([{ rule, weight: 1 }], a, i).ok).toBe(true);
    const over = l.check([{ rule, weight: 1 }], a, 10);
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.retryAfterMs).toBe(990);
    expect(l.check([{ rule, weight: 1 }], { ...a, endpoint: '/y' }, 10).ok).toBe(true);
    expect(l.check([{ rule, weight: 1 }], { ...a, account: 'b' }, 10).ok).toBe(true);
    expect(l.check([{ rule, weight: 1 }], a, 1000).ok).toBe(true);
  });

  it('records nothing when any one charge fails', () => {
    const l = new RateLimiter();
    const big: LimitRule = { name: 'big', scope: 'ip', windowMs: 1000, limit: 100 };
    const s = { ip: '1', account: 'a', endpoint: '/x' };
    for (let i = 0; i < 3; i++)
      l.check(
        [
          { rule: big, weight: 1 },
          { rule, weight: 1 },
        ],
        s,
        0,
      );
    expect(
      l.check(
        [
          { rule: big, weight: 1 },
          { rule, weight: 1 },
        ],
        s,
        0,
      ).ok,
    ).toBe(false);
    const after = l.check([{ rule: big, weight: 1 }], s, 0);
    expect(after.ok && after.usage[0]!.used).toBe(4);
  });

  it('escalates bans: strikes, then base, then doubled', () => {
    const l = new RateLimiter();
    const r: LimitRule = {
      name: 'e',
      scope: 'ip',
      windowMs: 100_000_000,
      limit: 1,
      ban: { type: 'escalate', strikes: 2, baseMs: 100, maxMs: 250 },
    };
    const s = { ip: '1', endpoint: '/' };
    const c = [{ rule: r, weight: 1 }];
    l.check(c, s, 0);
    const seq = [0, 1, 101, 102, 400, 401, 700].map((t) => {
      const o = l.check(c, s, t);
      return o.ok ? 'ok' : o.banned ? `ban${o.retryAfterMs}` : '429';
    });
    expect(seq).toEqual(['429', 'ban100', '429', 'ban200', '429', 'ban250', '429']);
  });
});
