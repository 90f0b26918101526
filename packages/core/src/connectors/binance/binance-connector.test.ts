import { jsonReply, ManualClock, type ScriptedReply, scriptedConnector, settleWithClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../../crypto/hmac.ts';
import { CtsError } from '../../errors/cts-error.ts';
import type { Logger } from '../../ports/logger.ts';
import { createConnector } from '../create-connector.ts';
import type { ConnectorOptions } from '../types.ts';
import { createBinanceConnector } from './binance-connector.ts';

const SECRET = 'binance-secret-never-shown';
const START = Date.UTC(2026, 0, 27, 10, 0, 0);

function setup(replies: ScriptedReply[], extra: Partial<ConnectorOptions> = {}) {
  const warnings: string[] = [];
  const logger: Logger = { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} };
  return {
    ...scriptedConnector(createBinanceConnector, replies, new ManualClock({ start: START }), {
      exchange: 'binance',
      apiType: 'spot',
      credentials: { apiKey: 'binance-key', apiSecret: SECRET },
      logger,
      ...extra,
    }),
    warnings,
  };
}

const reply =
  (body: unknown, status = 200, headers: Record<string, string> = {}): ScriptedReply =>
  () =>
    jsonReply(body, status, headers);
const spotAccount = {
  balances: [
    { asset: 'BTC', free: '0.5', locked: '0.1' },
    { asset: 'USDT', free: '100', locked: '20' },
    { asset: 'USDC', free: '5', locked: '0' },
  ],
};
const restrictions = {
  ipRestrict: true,
  enableReading: true,
  enableSpotAndMarginTrading: false,
  enableWithdrawals: false,
  enableInternalTransfer: false,
  permitsUniversalTransfer: false,
  enableFutures: false,
  enableMargin: false,
};

describe('createBinanceConnector', () => {
  it.each([
    ['spot', 'https://api.binance.com/api/v3/time'],
    ['margin', 'https://api.binance.com/api/v3/time'],
    ['perpetual_futures', 'https://fapi.binance.com/fapi/v1/time'],
  ] as const)('reads %s server time from %s without credentials', async (apiType, url) => {
    const { connector, requests } = setup([reply({ serverTime: START + 42 })], { apiType });
    expect(await connector.getServerTime()).toBe(START + 42);
    expect(requests[0]!.url).toBe(url);
    expect(requests[0]!.headers['x-mbx-apikey']).toBeUndefined();
  });

  it('applies the synced clock offset (server 3 s ahead) to the signed timestamp', async () => {
    const time = reply({ serverTime: START + 3000 });
    const { connector, requests } = setup([time, time, time, reply(spotAccount)]);
    expect(await connector.syncClock()).toEqual({ offsetMs: 3000, rttMs: 0, samples: 3 });
    expect(connector.clockOffsetMs).toBe(3000);
    await connector.getBalance();
    const url = new URL(requests[3]!.url);
    expect(url.searchParams.get('timestamp')).toBe(String(START + 3000));
    const payload = url.search.slice(1).replace(/&signature=.*$/, '');
    expect(payload).toBe(`omitZeroBalances=true&timestamp=${START + 3000}&recvWindow=5000`);
    expect(url.searchParams.get('signature')).toBe(await hmacSha256Hex(SECRET, payload));
    expect(requests[3]!.headers['x-mbx-apikey']).toBe('binance-key');
  });

  it.each([
    ['rest', 'https://api.binance.com/api/v3/account', spotAccount, 125],
    ['websocket', 'https://api.binance.com/api/v3/account', spotAccount, 125],
    ['spot', 'https://api.binance.com/api/v3/account', spotAccount, 125],
    [
      'perpetual_futures',
      'https://fapi.binance.com/fapi/v3/balance',
      [{ asset: 'USDT', balance: '70', availableBalance: '60' }],
      70,
    ],
    [
      'margin',
      'https://api.binance.com/sapi/v1/margin/account',
      { TotalCollateralValueInUSDT: '321', userAssets: [] },
      321,
    ],
  ] as const)('reads the %s balance from %s', async (apiType, endpoint, body, total) => {
    const { connector, requests } = setup([reply(body)], { apiType });
    const balance = await connector.getBalance();
    expect(requests[0]!.url.split('?')[0]).toBe(endpoint);
    expect(balance.currency).toBe('USDT');
    expect(balance.total).toBe(total);
  });

  it('reads permissions from the SAPI host for every product', async () => {
    const { connector, requests } = setup([reply(restrictions)], { apiType: 'perpetual_futures' });
    const permissions = await connector.getPermissions();
    expect(requests[0]!.url.split('?')[0]).toBe('https://api.binance.com/sapi/v1/account/apiRestrictions');
    expect(permissions).toMatchObject({ read: true, trade: false, withdraw: false, ipRestricted: true });
  });

  it('reports permissions as unknown, with a log line, when a testnet host lacks the SAPI endpoint', async () => {
    const notFound: ScriptedReply = () => new Response('<html>404 Not Found</html>', { status: 404 });
    const { connector, requests, warnings } = setup([notFound], { environment: 'testnet' });
    const permissions = await connector.getPermissions();
    expect(
      requests[0]!.url.startsWith('https://testnet.binance.vision/sapi/v1/account/apiRestrictions?'),
    ).toBe(true);
    expect(permissions.unknown).toBe(true);
    expect(warnings[0]).toMatch(/not available on this environment/);
  });

  it('fails permissions on mainnet when the endpoint fails', async () => {
    const { connector } = setup([
      reply({ code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' }, 401),
    ]);
    await expect(connector.getPermissions()).rejects.toMatchObject({
      code: 'auth.failed',
      exchangeCode: -2015,
    });
  });

  it.each([
    ['testnet', 'spot', 'https://testnet.binance.vision/api/v3/account'],
    ['testnet', 'perpetual_futures', 'https://testnet.binancefuture.com/fapi/v3/balance'],
    ['demo', 'spot', 'https://demo-api.binance.com/api/v3/account'],
    ['demo', 'perpetual_futures', 'https://demo-fapi.binance.com/fapi/v3/balance'],
  ] as const)('routes %s %s to %s', async (environment, apiType, endpoint) => {
    const { connector, requests } = setup([reply(apiType === 'spot' ? spotAccount : [])], {
      environment,
      apiType,
    });
    await connector.getBalance();
    expect(requests[0]!.url.split('?')[0]).toBe(endpoint);
  });

  it('sends every request to the simulator when baseUrl is set', async () => {
    const { connector, requests } = setup([reply([])], {
      apiType: 'perpetual_futures',
      environment: 'testnet',
      baseUrl: 'http://127.0.0.1:9999/',
    });
    await connector.getBalance();
    expect(requests[0]!.url.split('?')[0]).toBe('http://127.0.0.1:9999/binance-testnet/fapi/v3/balance');
  });

  it('signs with an Ed25519 key when keyType is ed25519', async () => {
    const { generateKeyPairSync, verify } = await import('node:crypto');
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const { connector, requests } = setup([reply(spotAccount)], {
      credentials: { apiKey: 'ed-key', apiSecret: pem, keyType: 'ed25519' },
    });
    await connector.getBalance();
    const [payload, signature] = requests[0]!.url.split('?')[1]!.split('&signature=') as [string, string];
    const raw = Buffer.from(decodeURIComponent(signature), 'base64');
    expect(verify(null, Buffer.from(payload), publicKey, raw)).toBe(true);
  });

  it('retries a 503 and then succeeds', async () => {
    const { clock, connector, requests } = setup([
      reply({ code: -1001, msg: 'Internal error' }, 503),
      () => new Response('upstream down', { status: 502 }),
      reply(spotAccount),
    ]);
    const balance = await settleWithClock(connector.getBalance(), clock);
    expect(balance.total).toBe(125);
    expect(requests).toHaveLength(3);
    const stamps = requests.map((r) => new URL(r.url).searchParams.get('timestamp'));
    expect(new Set(stamps).size).toBe(3); // each attempt is signed afresh
  });

  it('does not retry auth failures', async () => {
    const { clock, connector, requests } = setup([
      reply({ code: -1022, msg: 'Signature for this request is not valid.' }, 400),
    ]);
    await expect(settleWithClock(connector.getBalance(), clock)).rejects.toMatchObject({
      code: 'auth.invalid_signature',
      exchangeCode: -1022,
    });
    expect(requests).toHaveLength(1);
  });

  it('waits for Retry-After on a 429 before retrying', async () => {
    const { clock, connector, requests } = setup([
      reply({ code: -1003, msg: 'Too much request weight used' }, 429, { 'Retry-After': '7' }),
      reply(spotAccount),
    ]);
    await settleWithClock(connector.getBalance(), clock);
    expect(requests).toHaveLength(2);
    expect(clock.now() - START).toBeGreaterThanOrEqual(7000);
  });

  it('turns a reply that never comes into a timeout through AbortSignal', async () => {
    const never: ScriptedReply = (_request, signal) =>
      new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    const { connector } = setup([never], { timeoutMs: 25, maxRetries: 0 });
    const error = await connector.getBalance().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CtsError);
    expect((error as CtsError).code).toBe('timeout');
  });

  it('runs testConnection: clock sync, balance, permissions, warnings; the secret never appears', async () => {
    const time = reply({ serverTime: START });
    const { connector } = setup([
      time,
      time,
      time,
      reply(spotAccount),
      reply({ ...restrictions, enableWithdrawals: true }),
    ]);
    const result = await connector.testConnection();
    expect(result.success).toBe(true);
    expect(result.balance?.total).toBe(125);
    expect(result.permissions?.withdraw).toBe(true);
    expect(result.warnings.join(' ')).toMatch(/withdraw/);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('reports a failed testConnection with our code, the exchange code and a hint', async () => {
    const time = reply({ serverTime: START });
    const { connector } = setup([
      time,
      time,
      time,
      reply({ code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' }, 401),
    ]);
    const result = await connector.testConnection();
    expect(result.success).toBe(false);
    expect(result.error).toMatchObject({ code: 'auth.failed', exchangeCode: -2015 });
    expect(result.error?.hint).toMatch(/whitelist/);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('is what createConnector returns for binance', () => {
    const c = createConnector({
      exchange: 'binance',
      apiType: 'margin',
      credentials: { apiKey: 'k', apiSecret: 's' },
    });
    expect([c.exchange, c.apiType, c.environment, c.clockOffsetMs]).toEqual([
      'binance',
      'margin',
      'mainnet',
      0,
    ]);
  });

  it.each([
    [{ apiType: 'unified' }, /^apiType: binance does not support unified/],
    [{ credentials: { apiKey: '', apiSecret: 's' } }, /^credentials\.apiKey/],
    [{ recvWindowMs: 90_000 }, /^recvWindowMs/],
    [{ timeoutMs: 0 }, /^timeoutMs/],
    [{ baseUrl: 'ftp://x' }, /^baseUrl/],
  ] as const)('rejects bad options %j with a TypeError naming the field', (extra, message) => {
    expect(() => setup([reply({})], extra as Partial<ConnectorOptions>)).toThrow(TypeError);
    expect(() => setup([reply({})], extra as Partial<ConnectorOptions>)).toThrow(message);
  });
});
