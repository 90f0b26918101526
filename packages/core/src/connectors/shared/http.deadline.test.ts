/** One deadline per request (#12.6) and limit feedback carried on the error (#13), over a scripted fetch. */
import { createScriptedFetch, jsonReply } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { CtsError } from '../../errors/cts-error.ts';
import { openGate } from '../../limiter/gate.ts';
import { systemClock } from '../../ports/clock.ts';
import { noopLogger } from '../../ports/logger.ts';
import { type HttpContext, type ReplyReader, send } from './http.ts';

const reader: ReplyReader<unknown> = {
  read({ status, json }) {
    if (status === 429) throw new CtsError('rate_limited', 'too many requests', { status });
    if (status >= 500) throw new CtsError('exchange.unavailable', 'down', { status });
    return json;
  },
  feedback: ({ status, headers }) => ({
    status,
    ...(headers.get('retry-after') ? { retryAfterMs: Number(headers.get('retry-after')) * 1000 } : {}),
  }),
};

function context(fetch: HttpContext['fetch'], o: Partial<HttpContext> = {}): HttpContext {
  return {
    exchange: 'bybit',
    account: 'a',
    fetch,
    clock: systemClock,
    limiter: openGate,
    timeoutMs: 10_000,
    maxRetries: 2,
    logger: noopLogger,
    ...o,
  };
}

const route = { method: 'GET' as const, path: '/v5/account/wallet-balance' };
const build = async () => ({
  method: 'GET' as const,
  url: 'https://api.bybit.com/x',
  headers: {},
  path: route.path,
});

describe('send: one deadline per request', () => {
  it('ends a hung exchange within one deadline: a timeout is not retried, though retries are allowed', async () => {
    const hang = createScriptedFetch([
      (_r, signal) =>
        new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason))),
    ]);
    const error = await send(context(hang.fetch, { timeoutMs: 200 }), route, build, reader).catch((e) => e);
    expect(error).toMatchObject({ code: 'timeout' });
    // Before: each of the 3 attempts had its own timeout (30.7 s per test at the 10 s default).
    expect(hang.requests).toHaveLength(1);
  });

  it('still retries a quick failure inside the deadline', async () => {
    const flaky = createScriptedFetch([
      () => new Response('down', { status: 503 }),
      () => jsonReply({ ok: 1 }),
    ]);
    expect(await send(context(flaky.fetch), route, build, reader)).toEqual({ ok: 1 });
    expect(flaky.requests).toHaveLength(2);
  });

  it("puts a 429's Retry-After on the error itself (no side channel), and does not sit out a long one", async () => {
    const limited = createScriptedFetch([
      () => new Response('{}', { status: 429, headers: { 'retry-after': '30' } }),
    ]);
    const error = (await send(context(limited.fetch), route, build, reader).catch((e) => e)) as CtsError;
    expect(error).toBeInstanceOf(CtsError);
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 30_000, status: 429 });
    expect(error.toJSON()).toMatchObject({ retryAfterMs: 30_000, status: 429 });
    expect(limited.requests).toHaveLength(1);
  });

  it('reports a failing fetch as network, and a bug in the reader as internal (not retried)', async () => {
    const refused = createScriptedFetch([() => Promise.reject(new TypeError('fetch failed'))]);
    const net = await send(context(refused.fetch, { maxRetries: 0 }), route, build, reader).catch((e) => e);
    expect(net).toMatchObject({ code: 'network', retryable: true });
    const ok = createScriptedFetch([() => jsonReply({})]);
    const buggy: ReplyReader<unknown> = {
      ...reader,
      read: ({ json }) => (json as { list: { coin: string }[] }).list[0]!.coin,
    };
    const bug = await send(context(ok.fetch), route, build, buggy).catch((e) => e);
    expect(bug).toMatchObject({ code: 'internal', retryable: false });
    expect(ok.requests).toHaveLength(1);
  });
});
