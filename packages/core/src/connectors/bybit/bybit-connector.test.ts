import { jsonReply, ManualClock, type ScriptedReply, scriptedConnector, settleWithClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../../crypto/hmac.ts';
import { CtsError } from '../../errors/cts-error.ts';
import { createConnector } from '../create-connector.ts';
import type { ConnectorOptions } from '../types.ts';
import { createBybitConnector } from './bybit-connector.ts';

const SECRET = 'bybit-secret-never-shown';
const START = Date.UTC(2026, 0, 27, 10, 0, 0);

function setup(replies: ScriptedReply[], extra: Partial<ConnectorOptions> = {}) {
  return scriptedConnector(createBybitConnector, replies, new ManualClock({ start: START }), {
    exchange: 'bybit',
    apiType: 'unified',
    credentials: { apiKey: 'bybit-key', apiSecret: SECRET },
    ...extra,
  });
}

const ok =
  (result: unknown, extra: Record<string, unknown> = {}): ScriptedReply =>
  () =>
    jsonReply({ retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: START, ...extra });
const fail =
  (retCode: number, retMsg: string, status = 200): ScriptedReply =>
  () =>
    jsonReply({ retCode, retMsg, result: {}, retExtInfo: {}, time: START }, status);
const time = (ms: number) =>
  ok({ timeSecond: String(Math.floor(ms / 1000)), timeNano: `${ms}000000` }, { time: ms });
const wallet = {
  list: [
    {
      accountType: 'UNIFIED',
      totalEquity: '3.31216591',
      totalAvailableBalance: '3.00326056',
      coin: [
        {
          coin: 'USDT',
          walletBalance: '3.3',
          locked: '0',
          totalPositionIM: '0.2',
          totalOrderIM: '0.1',
          equity: '3.31',
        },
      ],
    },
  ],
};
const keyInfo = {
  readOnly: 1,
  permissions: { ContractTrade: [], Spot: [], Wallet: [], Options: [], Derivatives: [] },
  ips: ['10.0.0.1'],
  expiredAt: '2026-06-01T00:00:00Z',
  secret: '',
};

describe('createBybitConnector', () => {
  it('reads the server time (top-level ms) without credentials', async () => {
    const { connector, requests } = setup([time(START + 1234)]);
    expect(await connector.getServerTime()).toBe(START + 1234);
    expect(requests[0]!.url).toBe('https://api.bybit.com/v5/market/time');
    expect(requests[0]!.headers['x-bapi-api-key']).toBeUndefined();
  });

  it('applies the synced clock offset (server 3 s ahead) to X-BAPI-TIMESTAMP and signs it', async () => {
    const t = time(START + 3000);
    const { connector, requests } = setup([t, t, t, ok(wallet)]);
    expect((await connector.syncClock()).offsetMs).toBe(3000);
    await connector.getBalance();
    const h = requests[3]!.headers;
    expect(h['x-bapi-timestamp']).toBe(String(START + 3000));
    expect(h['x-bapi-sign']).toBe(
      await hmacSha256Hex(SECRET, `${START + 3000}bybit-key5000accountType=UNIFIED`),
    );
    expect(h['x-bapi-sign-type']).toBe('2');
  });

  it.each(['rest', 'websocket', 'unified', 'perpetual_futures', 'spot', 'margin'] as const)(
    'reads the UNIFIED wallet balance for %s',
    async (apiType) => {
      const { connector, requests } = setup([ok(wallet)], { apiType });
      const balance = await connector.getBalance();
      expect(requests[0]!.url).toBe('https://api.bybit.com/v5/account/wallet-balance?accountType=UNIFIED');
      expect(balance).toMatchObject({ currency: 'USD', total: 3.31216591, available: 3.00326056 });
    },
  );

  it('reads permissions from /v5/user/query-api', async () => {
    const { connector, requests } = setup([ok(keyInfo)]);
    const permissions = await connector.getPermissions();
    expect(requests[0]!.url).toBe('https://api.bybit.com/v5/user/query-api');
    expect(permissions).toMatchObject({ read: true, trade: false, ipRestricted: true, ips: ['10.0.0.1'] });
    expect(permissions.expiresAt).toBe(Date.UTC(2026, 5, 1));
  });

  it.each([
    ['testnet', undefined, 'https://api-testnet.bybit.com/v5/market/time'],
    ['demo', undefined, 'https://api-demo.bybit.com/v5/market/time'],
    ['mainnet', 'http://127.0.0.1:9999', 'http://127.0.0.1:9999/bybit/v5/market/time'],
    ['demo', 'http://127.0.0.1:9999', 'http://127.0.0.1:9999/bybit-demo/v5/market/time'],
  ] as const)('routes %s (baseUrl %s) to %s', async (environment, baseUrl, url) => {
    const { connector, requests } = setup([time(START)], { environment, baseUrl });
    await connector.getServerTime();
    expect(requests[0]!.url).toBe(url);
  });

  it('retries a 502 and then succeeds; does not retry 10003', async () => {
    const retried = setup([() => new Response('bad gateway', { status: 502 }), ok(wallet)]);
    await settleWithClock(retried.connector.getBalance(), retried.clock);
    expect(retried.requests).toHaveLength(2);
    const rejected = setup([fail(10003, 'API key is invalid.', 401)]);
    await expect(settleWithClock(rejected.connector.getBalance(), rejected.clock)).rejects.toMatchObject({
      code: 'auth.invalid_key',
      exchangeCode: 10003,
    });
    expect(rejected.requests).toHaveLength(1);
  });

  it('maps an empty 401 to an auth failure instead of a bad reply, without retrying', async () => {
    const { clock, connector, requests } = setup([() => new Response('', { status: 401 })]);
    await expect(settleWithClock(connector.getBalance(), clock)).rejects.toMatchObject({
      code: 'auth.failed',
      status: 401,
    });
    expect(requests).toHaveLength(1);
  });

  it('turns a reply that never comes into a timeout through AbortSignal', async () => {
    const never: ScriptedReply = (_r, signal) =>
      new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    const { connector } = setup([never], { timeoutMs: 25, maxRetries: 0 });
    const error = await connector.getServerTime().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CtsError);
    expect((error as CtsError).code).toBe('timeout');
  });

  it('runs testConnection end to end and keeps the secret out of the result', async () => {
    const t = time(START);
    const { connector } = setup([t, t, t, ok(wallet), ok(keyInfo)]);
    const result = await connector.testConnection();
    expect(result.success).toBe(true);
    expect(result.balance?.total).toBe(3.31216591);
    expect(result.permissions?.read).toBe(true);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('reports 10002 in testConnection as auth.timestamp with a hint', async () => {
    const t = time(START);
    const { clock, connector } = setup(
      [t, t, t, fail(10002, 'invalid request, please check your server timestamp')],
      {
        maxRetries: 0,
      },
    );
    const result = await settleWithClock(connector.testConnection(), clock);
    expect(result.success).toBe(false);
    expect(result.error).toMatchObject({ code: 'auth.timestamp', exchangeCode: 10002 });
    expect(result.error?.hint).toMatch(/clock/);
  });

  it('is what createConnector returns for bybit', () => {
    const c = createConnector({
      exchange: 'bybit',
      apiType: 'spot',
      environment: 'demo',
      credentials: { apiKey: 'k', apiSecret: 's' },
    });
    expect([c.exchange, c.apiType, c.environment]).toEqual(['bybit', 'spot', 'demo']);
  });

  it.each([
    [
      { credentials: { apiKey: 'k', apiSecret: 's', keyType: 'ed25519' } },
      /^credentials\.keyType: bybit does not accept ed25519/,
    ],
    [{ credentials: { apiKey: 'k', apiSecret: '' } }, /^credentials\.apiSecret/],
    [{ maxRetries: -1 }, /^maxRetries/],
    [{ environment: 'staging' }, /^environment/],
  ] as const)('rejects bad options %j with a TypeError naming the field', (extra, message) => {
    expect(() => setup([ok({})], extra as Partial<ConnectorOptions>)).toThrow(message);
  });
});
