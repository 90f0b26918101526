import { createHmac } from 'node:crypto';
import {
  createScriptedFetch,
  jsonReply,
  ManualClock,
  type ScriptedReply,
  scriptedConnector,
  settleWithClock,
} from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { createConnector } from '../create-connector.ts';
import type { ConnectorOptions } from '../types.ts';
import { createPionexConnector } from './pionex-connector.ts';

const SECRET = 'pionex-secret-never-shown';
const START = Date.UTC(2026, 0, 27, 10, 0, 0);

function setup(replies: ScriptedReply[], extra: Partial<ConnectorOptions> = {}) {
  return scriptedConnector(createPionexConnector, replies, new ManualClock({ start: START }), {
    exchange: 'pionex',
    apiType: 'spot',
    credentials: { apiKey: 'pionex-key', apiSecret: SECRET },
    ...extra,
  });
}

const ok =
  (data: unknown, timestamp = START): ScriptedReply =>
  () =>
    jsonReply({ result: true, data, timestamp });
const fail =
  (code: string, status = 400, timestamp = START): ScriptedReply =>
  () =>
    jsonReply({ result: false, code, message: `${code} happened`, timestamp }, status);
const spot = { balances: [{ coin: 'USDT', free: '10', frozen: '2' }] };

describe('createPionexConnector', () => {
  it('signs GETs with the timestamp in the query and a hex signature over METHOD+PATH+?query', async () => {
    const { connector, requests } = setup([ok(spot)]);
    await connector.getBalance();
    const url = new URL(requests[0]!.url);
    expect(`${url.origin}${url.pathname}`).toBe('https://api.pionex.com/api/v1/account/balances');
    expect(url.search).toBe(`?timestamp=${START}`);
    const expected = createHmac('sha256', SECRET)
      .update(`GET/api/v1/account/balances?timestamp=${START}`)
      .digest('hex');
    expect(requests[0]!.headers['pionex-signature']).toBe(expected);
    expect(requests[0]!.headers['pionex-key']).toBe('pionex-key');
  });

  it.each([
    ['rest', '/api/v1/account/balances'],
    ['websocket', '/api/v1/account/balances'],
    ['spot', '/api/v1/account/balances'],
    ['perpetual_futures', '/uapi/v1/account/balances'],
  ] as const)('reads the %s balance from %s', async (apiType, path) => {
    const { connector, requests } = setup([ok(spot)], { apiType });
    const balance = await connector.getBalance();
    expect(new URL(requests[0]!.url).pathname).toBe(path);
    expect(balance.total).toBe(12);
  });

  it('takes server time from the reply timestamp, even an auth error, and applies the offset', async () => {
    const skewed = START + 30_000; // beyond Pionex's ±20 s window
    const { connector, requests } = setup([
      fail('INVALID_TIMESTAMP', 400, skewed),
      fail('INVALID_TIMESTAMP', 400, skewed),
      fail('INVALID_TIMESTAMP', 400, skewed),
      ok(spot),
    ]);
    expect(await connector.syncClock()).toEqual({ offsetMs: 30_000, rttMs: 0, samples: 3 });
    await connector.getBalance();
    expect(new URL(requests[3]!.url).searchParams.get('timestamp')).toBe(String(skewed));
  });

  it('routes baseUrl to the simulator', async () => {
    const { connector, requests } = setup([ok(spot)], { baseUrl: 'http://127.0.0.1:8787' });
    await connector.getBalance();
    expect(requests[0]!.url).toBe(`http://127.0.0.1:8787/pionex/api/v1/account/balances?timestamp=${START}`);
  });

  it('reports unknown permissions after a read probe on the weight-1 spot endpoint', async () => {
    const { connector, requests } = setup([ok(spot)], { apiType: 'perpetual_futures' });
    expect(await connector.getPermissions()).toMatchObject({ read: true, unknown: true });
    expect(requests).toHaveLength(1);
    expect(new URL(requests[0]!.url).pathname).toBe('/api/v1/account/balances');
  });

  it('maps PERMISSION_DENIED on the probe to auth.permission, without retrying', async () => {
    const { connector, requests } = setup([fail('PERMISSION_DENIED', 403)]);
    await expect(connector.getPermissions()).rejects.toMatchObject({
      code: 'auth.permission',
      exchangeCode: 'PERMISSION_DENIED',
    });
    expect(requests).toHaveLength(1);
  });

  it('retries a 5xx, and surfaces a 429 ban at once with its wait instead of sitting it out', async () => {
    const { clock, connector, requests } = setup([() => new Response('oops', { status: 500 }), ok(spot)]);
    const balance = await settleWithClock(connector.getBalance(), clock);
    expect(balance.total).toBe(12);
    expect(requests).toHaveLength(2);

    const banned = setup([() => new Response('', { status: 429 }), ok(spot)]);
    const err = await settleWithClock(banned.connector.getBalance(), banned.clock).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'banned' });
    expect((err as { retryAfterMs: number }).retryAfterMs).toBeGreaterThanOrEqual(60_000);
    expect(banned.requests).toHaveLength(1);
    expect(banned.clock.now() - START).toBeLessThan(60_000);
  });

  it('times out a request that never answers', async () => {
    const hang: ScriptedReply = (_req, signal) =>
      new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    const { connector } = setup([hang], { timeoutMs: 5, maxRetries: 0 });
    await expect(connector.getBalance()).rejects.toMatchObject({ code: 'timeout' });
  });

  it('runs testConnection and reports failures without the secret', async () => {
    const good = setup([ok(spot), ok(spot), ok(spot), ok(spot), ok(spot)]);
    const result = await good.connector.testConnection();
    expect(result).toMatchObject({ success: true, clockOffsetMs: 0 });
    expect(result.permissions?.unknown).toBe(true);
    expect(result.warnings).toEqual([]);

    const bad = setup([ok(spot), ok(spot), ok(spot), fail('IP_NOT_WHITELISTED', 403)]);
    const failed = await bad.connector.testConnection();
    expect(failed.success).toBe(false);
    expect(failed.error).toMatchObject({ code: 'auth.ip_not_allowed', exchangeCode: 'IP_NOT_WHITELISTED' });
    expect(JSON.stringify(failed)).not.toContain(SECRET);
  });

  it('is created by createConnector', async () => {
    const scripted = createScriptedFetch([ok(spot)]);
    const c = createConnector({
      exchange: 'pionex',
      apiType: 'rest',
      credentials: { apiKey: 'k', apiSecret: 's' },
      fetch: scripted.fetch,
    });
    expect(c.exchange).toBe('pionex');
    expect(c.apiType).toBe('rest');
    expect((await c.getBalance()).total).toBe(12);
  });

  it('throws a TypeError naming the field for bad options', () => {
    const base = {
      exchange: 'pionex',
      apiType: 'spot',
      credentials: { apiKey: 'k', apiSecret: 's' },
    } as const;
    expect(() => createPionexConnector({ ...base, environment: 'demo' })).toThrow(/^environment:/);
    expect(() => createPionexConnector({ ...base, timeoutMs: 0 })).toThrow(/^timeoutMs:/);
    expect(() => createPionexConnector({ ...base, credentials: { apiKey: ' ', apiSecret: 's' } })).toThrow(
      /^credentials\.apiKey:/,
    );
    expect(() => createPionexConnector({ ...base, exchange: 'bingx' })).toThrow(/^exchange:/);
  });
});
