import { flushMicrotasks, ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import type { RequestDescriptor } from './gate.ts';
import { MemoryLimiterStore } from './memory-store.ts';
import { RateLimiter } from './rate-limiter.ts';

const T0 = Date.UTC(2026, 0, 27, 10, 0, 0);

/** Pionex spot balances: 10 weight/s per IP and per account (published), 5/s per account (seed). */
const pionex = (account: string): RequestDescriptor => ({
  exchange: 'pionex',
  account,
  method: 'GET',
  path: '/api/v1/account/balances',
});

describe('RateLimiter with a network between it and the exchange', () => {
  it('counts a request from its reply: one the exchange saw late does not free its place early', async () => {
    const clock = new ManualClock({ start: T0 });
    const limiter = new RateLimiter({ clock, profile: 'published' });
    // Ten requests from ten connections fill the IP's 10/s; the first one's reply takes 300 ms.
    const permits = await Promise.all(Array.from({ length: 10 }, (_, i) => limiter.acquire(pionex(`c${i}`))));
    for (const p of permits.slice(1)) p.release({ status: 200 });
    await clock.advance(300);
    permits[0]!.release({ status: 200 });
    // At T0 + 1000 the nine quick ones have left the window; the slow one counts until T0 + 1300.
    await clock.advance(700);
    const admitted: number[] = [];
    for (let i = 10; i < 20; i++)
      void limiter.acquire(pionex(`c${i}`)).then(() => admitted.push(clock.now()));
    await flushMicrotasks();
    expect(admitted).toEqual(Array.from({ length: 9 }, () => T0 + 1000));
    await clock.advance(299);
    expect(admitted).toHaveLength(9);
    await clock.advance(1);
    expect(admitted).toHaveLength(10);
    expect(admitted[9]).toBe(T0 + 1300);
  });

  it('leaves counts where they are when no time passed on the wire', async () => {
    const clock = new ManualClock({ start: T0 });
    const store = new MemoryLimiterStore();
    const limiter = new RateLimiter({ clock, profile: 'published', store });
    const permit = await limiter.acquire(pionex('c0'));
    permit.release({ status: 200 });
    await flushMicrotasks();
    const ip = (await limiter.metrics()).scopes.find((s) => s.per === 'ip')!;
    expect(ip.windows[0]!.used).toBe(1);
    await clock.advance(1000);
    const later = (await limiter.metrics()).scopes.find((s) => s.per === 'ip')!;
    expect(later.windows[0]!.used).toBe(0);
  });
});
