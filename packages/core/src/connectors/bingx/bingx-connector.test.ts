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
import { createBingxConnector } from './bingx-connector.ts';
import { bingxSignature } from './signer.ts';

const SECRET = 'bingx-secret-never-shown';
const START = Date.UTC(2026, 0, 27, 10, 0, 0);

function setup(replies: ScriptedReply[], extra: Partial<ConnectorOptions> = {}) {
  return scriptedConnector(createBingxConnector, replies, new ManualClock({ start: START }), {
    exchange: 'bingx',
    apiType: 'perpetual_futures',
    credentials: { apiKey: 'bingx-key', apiSecret: SECRET },
    ...extra,
  });
}

const ok =
  (data: unknown): ScriptedReply =>
  () =>
    jsonReply({ code: 0, msg: '', data });
const swapRows = [{ asset: 'USDT', balance: '100', equity: '101', availableMargin: '90', usedMargin: '11' }];
const permissions = { apiKey: 'bingx-key', permissions: [2], ipAddresses: ['10.0.0.1'], note: '' };

describe('createBingxConnector', () => {
  it('reads the server time from the public endpoint', async () => {
    const { connector, requests } = setup([ok({ serverTime: START + 1234 })]);
    expect(await connector.getServerTime()).toBe(START + 1234);
    expect(requests[0]!.url).toBe('https://open-api.bingx.com/openApi/swap/v2/server/time');
    expect(requests[0]!.headers['x-bx-apikey']).toBeUndefined();
  });

  it('applies the synced clock offset to signed timestamps', async () => {
    const time = ok({ serverTime: START + 2500 });
    const { connector, requests } = setup([time, time, time, ok(swapRows)]);
    const offset = await connector.syncClock(3);
    expect(offset).toEqual({ offsetMs: 2500, rttMs: 0, samples: 3 });
    expect(connector.clockOffsetMs).toBe(2500);
    await connector.getBalance();
    const signed = new URL(requests[3]!.url);
    expect(signed.searchParams.get('timestamp')).toBe(String(START + 2500));
    expect(signed.searchParams.get('recvWindow')).toBe('5000');
    const sent = signed.search.slice(1).replace(/&signature=.*$/, '');
    expect(signed.searchParams.get('signature')).toBe(await bingxSignature(SECRET, sent));
    expect(requests[3]!.headers['x-bx-apikey']).toBe('bingx-key');
  });

  it.each([
    ['rest', '/openApi/swap/v3/user/balance'],
    ['websocket', '/openApi/swap/v3/user/balance'],
    ['perpetual_futures', '/openApi/swap/v3/user/balance'],
    ['spot', '/openApi/spot/v1/account/balance'],
  ] as const)('reads the %s balance from %s', async (apiType, path) => {
    const data = apiType === 'spot' ? { balances: [{ asset: 'USDT', free: '5', locked: '1' }] } : swapRows;
    const { connector, requests } = setup([ok(data)], { apiType });
    const balance = await connector.getBalance();
    expect(new URL(requests[0]!.url).pathname).toBe(path);
    expect(balance.currency).toBe('USDT');
    expect(balance.total).toBe(apiType === 'spot' ? 6 : 101);
  });

  it('routes demo to the VST host and baseUrl to the simulator', async () => {
    const demo = setup([ok(swapRows)], { environment: 'demo' });
    await demo.connector.getBalance();
    expect(demo.requests[0]!.url.startsWith('https://open-api-vst.bingx.com/openApi/')).toBe(true);
    const sim = setup([ok(swapRows)], { environment: 'demo', baseUrl: 'http://127.0.0.1:9999/' });
    await sim.connector.getBalance();
    expect(
      sim.requests[0]!.url.startsWith('http://127.0.0.1:9999/bingx-demo/openApi/swap/v3/user/balance?'),
    ).toBe(true);
  });

  it('retries a 5xx and then succeeds, re-signing each attempt', async () => {
    const { clock, connector, requests } = setup([
      () => new Response('bad gateway', { status: 502 }),
      () => jsonReply({ code: 100500, msg: 'Internal system error' }),
      ok(swapRows),
    ]);
    const balance = await settleWithClock(connector.getBalance(), clock);
    expect(balance.total).toBe(101);
    expect(requests).toHaveLength(3);
    expect(new URL(requests[2]!.url).searchParams.get('timestamp')).not.toBe(
      new URL(requests[0]!.url).searchParams.get('timestamp'),
    );
  });

  it('moves to the fallback host open-api.bingx.pro after a network error, re-signing sorted', async () => {
    const { clock, connector, requests } = setup([
      () => Promise.reject(new TypeError('fetch failed')),
      ok(swapRows),
    ]);
    const balance = await settleWithClock(connector.getBalance(), clock);
    expect(balance.total).toBe(101);
    expect(requests.map((r) => new URL(r.url).origin)).toEqual([
      'https://open-api.bingx.com',
      'https://open-api.bingx.pro',
    ]);
    const retried = new URL(requests[1]!.url);
    const sent = retried.search.slice(1).replace(/&signature=.*$/, '');
    expect(sent).toMatch(/^recvWindow=5000&timestamp=\d+$/);
    expect(retried.searchParams.get('signature')).toBe(await bingxSignature(SECRET, sent));
  });

  it('moves to the fallback after a network failure; demo goes to open-api-vst.bingx.pro, the simulator to -fallback', async () => {
    const demo = setup([() => Promise.reject(new TypeError('fetch failed')), ok(swapRows)], {
      environment: 'demo',
    });
    await settleWithClock(demo.connector.getBalance(), demo.clock);
    expect(new URL(demo.requests[1]!.url).origin).toBe('https://open-api-vst.bingx.pro');
    const sim = setup([() => Promise.reject(new TypeError('fetch failed')), ok(swapRows)], {
      baseUrl: 'http://127.0.0.1:9999',
    });
    await settleWithClock(sim.connector.getBalance(), sim.clock);
    expect(sim.requests[1]!.url.startsWith('http://127.0.0.1:9999/bingx-fallback/openApi/')).toBe(true);
  });

  it('stays on the primary host after any exchange reply (5xx included) and for the next request', async () => {
    const { clock, connector, requests } = setup([
      () => new Response('bad gateway', { status: 502 }),
      ok(swapRows),
      ok(swapRows),
    ]);
    await settleWithClock(connector.getBalance(), clock);
    await connector.getBalance();
    expect(requests.map((r) => new URL(r.url).host)).toEqual([
      'open-api.bingx.com',
      'open-api.bingx.com',
      'open-api.bingx.com',
    ]);
  });

  it('refuses a recvWindow above 5000 (the 2026 guide)', () => {
    expect(() =>
      createBingxConnector({
        exchange: 'bingx',
        apiType: 'spot',
        credentials: { apiKey: 'k', apiSecret: 's' },
        recvWindowMs: 6000,
      }),
    ).toThrow(/^recvWindowMs: BingX takes at most 5000/);
  });

  it('gives up after maxRetries with exchange.unavailable', async () => {
    const { clock, connector, requests } = setup([() => new Response('', { status: 503 })], {
      maxRetries: 1,
    });
    await expect(settleWithClock(connector.getBalance(), clock)).rejects.toMatchObject({
      code: 'exchange.unavailable',
    });
    expect(requests).toHaveLength(2);
  });

  it('does not retry auth errors', async () => {
    const { connector, requests } = setup([
      () => jsonReply({ code: 100001, msg: 'Signature verification failed' }),
    ]);
    await expect(connector.getBalance()).rejects.toMatchObject({
      code: 'auth.invalid_signature',
      exchangeCode: 100001,
    });
    expect(requests).toHaveLength(1);
  });

  it('times out a request that never answers', async () => {
    const hang: ScriptedReply = (_req, signal) =>
      new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    const { connector } = setup([hang], { timeoutMs: 5, maxRetries: 0 });
    await expect(connector.getServerTime()).rejects.toMatchObject({ code: 'timeout' });
  });

  it('reads permissions from apiPermissions', async () => {
    const { connector, requests } = setup([ok(permissions)]);
    const p = await connector.getPermissions();
    expect(new URL(requests[0]!.url).pathname).toBe('/openApi/v1/account/apiPermissions');
    expect(p).toMatchObject({ read: true, trade: false, ipRestricted: true, ips: ['10.0.0.1'] });
  });

  it('passes testConnection through the shared runner', async () => {
    const { connector } = setup([
      ok({ serverTime: START }),
      ok({ serverTime: START }),
      ok({ serverTime: START }),
      ok(swapRows),
      ok(permissions),
    ]);
    const result = await connector.testConnection();
    expect(result.success).toBe(true);
    expect(result.balance?.total).toBe(101);
    expect(result.permissions?.read).toBe(true);
    expect(result.clockOffsetMs).toBe(0);
  });

  it('reports a failed test without throwing or leaking the secret', async () => {
    const { connector } = setup([
      ok({ serverTime: START }),
      ok({ serverTime: START }),
      ok({ serverTime: START }),
      () => jsonReply({ code: 100419, msg: 'IP does not match IP whitelist' }),
    ]);
    const result = await connector.testConnection();
    expect(result.success).toBe(false);
    expect(result.error).toMatchObject({ code: 'auth.ip_not_allowed', exchangeCode: 100419 });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('is created by createConnector', async () => {
    const scripted = createScriptedFetch([ok(swapRows)]);
    const c = createConnector({
      exchange: 'bingx',
      apiType: 'rest',
      credentials: { apiKey: 'k', apiSecret: 's' },
      fetch: scripted.fetch,
    });
    expect(c.exchange).toBe('bingx');
    expect(c.apiType).toBe('rest');
    expect((await c.getBalance()).total).toBe(101);
  });

  it('throws a TypeError naming the field for bad options', () => {
    const base = {
      exchange: 'bingx',
      apiType: 'spot',
      credentials: { apiKey: 'k', apiSecret: 's' },
    } as const;
    expect(() => createBingxConnector({ ...base, environment: 'testnet' })).toThrow(/^environment:/);
    expect(() => createBingxConnector({ ...base, apiType: 'margin' })).toThrow(/^apiType:/);
    expect(() => createBingxConnector({ ...base, credentials: { apiKey: 'k', apiSecret: '' } })).toThrow(
      /^credentials\.apiSecret:/,
    );
    expect(() =>
      createBingxConnector({
        ...base,
        exchange: 'okx',
        credentials: { ...base.credentials, passphrase: 'p' },
      }),
    ).toThrow(/^exchange:/);
  });
});
