import { jsonReply, ManualClock, type ScriptedReply, scriptedConnector, settleWithClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { hmacSha256Base64 } from '../../crypto/hmac.ts';
import { CtsError } from '../../errors/cts-error.ts';
import { createConnector } from '../create-connector.ts';
import type { ConnectorOptions } from '../types.ts';
import { createOkxConnector } from './okx-connector.ts';

const SECRET = 'okx-secret-never-shown';
const PASSPHRASE = 'okx-passphrase-never-shown';
const START = Date.UTC(2026, 0, 27, 10, 0, 0);

function setup(replies: ScriptedReply[], extra: Partial<ConnectorOptions> = {}) {
  return scriptedConnector(createOkxConnector, replies, new ManualClock({ start: START }), {
    exchange: 'okx',
    apiType: 'spot',
    credentials: { apiKey: 'okx-key', apiSecret: SECRET, passphrase: PASSPHRASE },
    ...extra,
  });
}

const ok =
  (data: unknown): ScriptedReply =>
  () =>
    jsonReply({ code: '0', msg: '', data });
const fail =
  (code: string, msg: string, status = 200): ScriptedReply =>
  () =>
    jsonReply({ code, msg, data: [] }, status);
const time = (ms: number) => ok([{ ts: String(ms) }]);
const balance = [
  {
    totalEq: '41624.32',
    availEq: '',
    details: [{ ccy: 'USDT', eq: '4992.89', availBal: '4900', frozenBal: '92.89', eqUsd: '4992.89' }],
  },
];
const config = [{ perm: 'read_only,trade', ip: '', acctLv: '2', uid: '1' }];

describe('createOkxConnector', () => {
  it('reads the server time from /api/v5/public/time', async () => {
    const { connector, requests } = setup([time(START + 77)]);
    expect(await connector.getServerTime()).toBe(START + 77);
    expect(requests[0]!.url).toBe('https://www.okx.com/api/v5/public/time');
    expect(requests[0]!.headers['ok-access-key']).toBeUndefined();
  });

  it('applies the synced clock offset (server 3 s ahead) to OK-ACCESS-TIMESTAMP and signs it', async () => {
    const t = time(START + 3000);
    const { connector, requests } = setup([t, t, t, ok(balance)]);
    expect((await connector.syncClock()).offsetMs).toBe(3000);
    await connector.getBalance();
    const h = requests[3]!.headers;
    const iso = new Date(START + 3000).toISOString();
    expect(h['ok-access-timestamp']).toBe(iso);
    expect(h['ok-access-sign']).toBe(await hmacSha256Base64(SECRET, `${iso}GET/api/v5/account/balance`));
    expect(h['ok-access-passphrase']).toBe(PASSPHRASE);
  });

  it.each(['rest', 'websocket', 'perpetual_futures', 'spot', 'margin'] as const)(
    'reads the trading account balance for %s',
    async (apiType) => {
      const { connector, requests } = setup([ok(balance)], { apiType });
      const b = await connector.getBalance();
      expect(requests[0]!.url).toBe('https://www.okx.com/api/v5/account/balance');
      expect(b).toMatchObject({ currency: 'USD', total: 41624.32, available: 4900 });
    },
  );

  it('reads permissions from /api/v5/account/config', async () => {
    const { connector, requests } = setup([ok(config)]);
    const p = await connector.getPermissions();
    expect(requests[0]!.url).toBe('https://www.okx.com/api/v5/account/config');
    expect(p).toMatchObject({ read: true, trade: true, withdraw: false, ipRestricted: false });
  });

  it('uses the same host plus x-simulated-trading: 1 on demo, and the simulator root with baseUrl', async () => {
    const demo = setup([ok(balance)], { environment: 'demo' });
    await demo.connector.getBalance();
    expect(demo.requests[0]!.url).toBe('https://www.okx.com/api/v5/account/balance');
    expect(demo.requests[0]!.headers['x-simulated-trading']).toBe('1');
    const live = setup([ok(balance)]);
    await live.connector.getBalance();
    expect(live.requests[0]!.headers['x-simulated-trading']).toBeUndefined();
    const sim = setup([time(START)], { environment: 'demo', baseUrl: 'http://127.0.0.1:9999' });
    await sim.connector.getServerTime();
    expect(sim.requests[0]!.url).toBe('http://127.0.0.1:9999/okx/api/v5/public/time');
    expect(sim.requests[0]!.headers['x-simulated-trading']).toBe('1');
  });

  it('retries a 503 and then succeeds; does not retry 50113', async () => {
    const retried = setup([fail('50001', 'Service temporarily unavailable', 503), ok(balance)]);
    await settleWithClock(retried.connector.getBalance(), retried.clock);
    expect(retried.requests).toHaveLength(2);
    const rejected = setup([fail('50113', 'Invalid Sign', 401)]);
    await expect(settleWithClock(rejected.connector.getBalance(), rejected.clock)).rejects.toMatchObject({
      code: 'auth.invalid_signature',
      exchangeCode: '50113',
    });
    expect(rejected.requests).toHaveLength(1);
  });

  it('turns a reply that never comes into a timeout through AbortSignal', async () => {
    const never: ScriptedReply = (_r, signal) =>
      new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    const { connector } = setup([never], { timeoutMs: 25, maxRetries: 0 });
    const error = await connector.getBalance().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CtsError);
    expect((error as CtsError).code).toBe('timeout');
  });

  it('runs testConnection and keeps the secret and passphrase out of the result', async () => {
    const t = time(START);
    const { connector } = setup([t, t, t, ok(balance), ok(config)]);
    const result = await connector.testConnection();
    expect(result.success).toBe(true);
    expect(result.warnings.join(' ')).toMatch(/IP whitelist/);
    const text = JSON.stringify(result);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(PASSPHRASE);
  });

  it('reports a demo key used on mainnet (50101) as auth.wrong_environment', async () => {
    const t = time(START);
    const { connector } = setup([t, t, t, fail('50101', 'APIKey does not match current environment.', 401)]);
    const result = await connector.testConnection();
    expect(result.error).toMatchObject({ code: 'auth.wrong_environment', exchangeCode: '50101' });
  });

  it('is what createConnector returns for okx', () => {
    const c = createConnector({
      exchange: 'okx',
      apiType: 'perpetual_futures',
      environment: 'demo',
      credentials: { apiKey: 'k', apiSecret: 's', passphrase: 'p' },
    });
    expect([c.exchange, c.apiType, c.environment]).toEqual(['okx', 'perpetual_futures', 'demo']);
  });

  it.each([
    [{ environment: 'testnet' }, /^environment: okx has no testnet/],
    [{ credentials: { apiKey: 'k', apiSecret: 's' } }, /^credentials\.passphrase: required for okx/],
    [
      { credentials: { apiKey: 'k', apiSecret: 's', passphrase: 'p', keyType: 'rsa' } },
      /^credentials\.keyType/,
    ],
    [{ apiType: 'unified' }, /^apiType: okx does not support unified/],
  ] as const)('rejects bad options %j with a TypeError naming the field', (extra, message) => {
    expect(() => setup([ok([])], extra as Partial<ConnectorOptions>)).toThrow(TypeError);
    expect(() => setup([ok([])], extra as Partial<ConnectorOptions>)).toThrow(message);
  });
});
