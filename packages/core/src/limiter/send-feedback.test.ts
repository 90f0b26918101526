/** send() (connectors/shared/http.ts) through the RateLimiter: a 429's Retry-After and a ban hold every caller. */
import { flushMicrotasks, ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter, type ReplyReader, send } from '../connectors/shared/http.ts';
import { CtsError } from '../errors/cts-error.ts';
import { noopLogger } from '../ports/logger.ts';
import { RateLimiter } from './rate-limiter.ts';

const T0 = Date.UTC(2026, 0, 27, 10, 0, 0);

function setup(replies: (() => Response)[], maxWaitMs = 60_000) {
  const clock = new ManualClock({ start: T0 });
  const limiter = new RateLimiter({ clock, profile: 'published', maxWaitMs });
  const calls: number[] = [];
  const fetch = async () => {
    calls.push(clock.now() - T0);
    return (replies.shift() ?? (() => Response.json({ ok: true })))();
  };
  const reader: ReplyReader<unknown> = {
    read({ status, headers, json }) {
      if (status === 429)
        throw new CtsError('rate_limited', 'too many', {
          status,
          retryAfterMs: parseRetryAfter(headers.get('retry-after'), clock.now()),
        });
      if (status === 418) throw new CtsError('banned', 'banned', { status, retryAfterMs: 120_000 });
      return json;
    },
    feedback({ status, headers }) {
      return {
        status,
        rateLimited: status === 429 || undefined,
        retryAfterMs: parseRetryAfter(headers.get('retry-after'), clock.now()),
        bannedUntil: status === 418 ? clock.now() + 120_000 : undefined,
      };
    },
  };
  const ctx = {
    exchange: 'binance' as const,
    account: 'acct-1',
    fetch,
    clock,
    limiter,
    timeoutMs: 10_000,
    maxRetries: 2,
    logger: noopLogger,
  };
  const call = (account = 'acct-1') =>
    send(
      { ...ctx, account },
      { method: 'GET', path: '/api/v3/account' },
      async () => ({
        method: 'GET',
        url: 'https://api.binance.com/api/v3/account',
        headers: {},
        path: '/api/v3/account',
      }),
      reader,
    );
  return { clock, calls, call };
}

describe('send() through the RateLimiter', () => {
  it("waits out a 429's Retry-After, and so does every other caller on the IP", async () => {
    const { clock, calls, call } = setup([
      () => new Response('{}', { status: 429, headers: { 'Retry-After': '3' } }),
    ]);
    const first = call();
    await clock.advance(100);
    const other = call('acct-2'); // Binance limits by IP: another account waits too
    await clock.advance(2899);
    expect(calls).toEqual([0]);
    await clock.advance(1);
    await flushMicrotasks();
    await expect(first).resolves.toEqual({ ok: true });
    await expect(other).resolves.toEqual({ ok: true });
    expect(calls).toEqual([0, 3000, 3000]);
  });

  it('holds the scope through a ban: later calls wait for its end, or fail at once past maxWaitMs', async () => {
    const { clock, calls, call } = setup([() => new Response('{}', { status: 418 })], 180_000);
    const first = call();
    await flushMicrotasks();
    await expect(first).rejects.toMatchObject({ code: 'banned' }); // 120 s is not sat out inside send()
    const later = call();
    await clock.advance(119_999);
    expect(calls).toEqual([0]);
    await clock.advance(1);
    await expect(later).resolves.toEqual({ ok: true });
    expect(calls).toEqual([0, 120_000]);

    const short = setup([() => new Response('{}', { status: 418 })]);
    await expect(short.call()).rejects.toMatchObject({ code: 'banned' });
    await expect(short.call()).rejects.toMatchObject({ code: 'limiter.max_wait', retryAfterMs: 120_000 });
    expect(short.calls).toEqual([0]);
  });
});
