import { createConnector, withStreamTest } from '@cts/core/connectors';
import type { ExchangeId } from '@cts/core/exchanges';
import { ManualClock } from '@cts/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorServer, startSimulatorServer } from '../server.ts';
import { streamOptions } from './stream-test-kit.ts';

// Failures of the `websocket` connection test: each maps to our code, keeps the exchange's own code and
// gives a hint, and never leaks the secret.
const clock = new ManualClock();
let server: SimulatorServer;

beforeAll(async () => {
  server = await startSimulatorServer({ port: 0, clock });
});
afterAll(() => server.close());
afterEach(() => server.simulator.setFaults({ faults: [] }));

/** A secret of the same shape that is not the account's. */
const wrong = (secret: string) => secret.slice(0, -4) + (secret.endsWith('AAAA') ? 'BBBB' : 'AAAA');

async function run(exchange: ExchangeId, tweak: (o: ReturnType<typeof streamOptions>) => void = () => {}) {
  const account = await server.simulator.createAccount({ exchange });
  const options = streamOptions(exchange, account, server.url);
  tweak(options);
  const result = await createConnector({ ...options, clock }).testConnection();
  expect(result.success).toBe(false);
  expect(result.error!.hint.length).toBeGreaterThan(10);
  const log = result.log.join('\n');
  expect(log).toContain(`Hint: ${result.error!.hint}`);
  expect(log).not.toContain(account.apiSecret);
  expect(JSON.stringify(result)).not.toContain(options.credentials.apiSecret);
  return { result, account };
}

describe('private stream test: bad signature', () => {
  it.each([
    ['bybit', 'auth.invalid_signature', undefined],
    ['okx', 'auth.invalid_signature', '60007'],
    ['binance', 'auth.invalid_signature', -1022],
    ['pionex', 'auth.invalid_signature', 'INVALID_SIGNATURE'],
    ['orangex', 'auth.invalid_signature', 10000],
  ] as const)('%s → %s (%s)', async (exchange, code, exchangeCode) => {
    const { result, account } = await run(exchange, (o) => {
      o.credentials.apiSecret = wrong(o.credentials.apiSecret);
    });
    expect(result.error).toMatchObject({ code });
    if (exchangeCode !== undefined) expect(result.error!.exchangeCode).toBe(exchangeCode);
    // Pionex has no public time endpoint: its clock sync reads three signed (here rejected) replies.
    const rejected = exchange === 'pionex' ? 4 : 1;
    expect(server.simulator.stats()[exchange]!.keys[account.id]!.rejections).toEqual({
      bad_signature: rejected,
    });
  });

  it('bingx (listenKey: no signature) → auth.invalid_key for an unknown key (100413)', async () => {
    const { result } = await run('bingx', (o) => {
      o.credentials.apiKey = wrong(o.credentials.apiKey);
    });
    expect(result.error).toMatchObject({ code: 'auth.invalid_key', exchangeCode: 100413 });
    expect(result.log.join('\n')).toContain('Requesting a listenKey');
  });

  it('okx: a wrong passphrase → auth.passphrase (60024)', async () => {
    const { result } = await run('okx', (o) => {
      o.credentials.passphrase = 'not-the-passphrase';
    });
    expect(result.error).toMatchObject({ code: 'auth.passphrase', exchangeCode: '60024' });
  });

  it('bybit: an expired key → auth.key_expired; a key bound to another IP → auth.ip_not_allowed', async () => {
    const expired = await server.simulator.createAccount({ exchange: 'bybit', expiresAt: clock.now() - 1 });
    const r1 = await createConnector({
      ...streamOptions('bybit', expired, server.url),
      clock,
    }).testConnection();
    expect(r1.error).toMatchObject({ code: 'auth.key_expired' });
    const bound = await server.simulator.createAccount({ exchange: 'bybit', ipWhitelist: ['10.1.2.3'] });
    const r2 = await createConnector({
      ...streamOptions('bybit', bound, server.url),
      clock,
    }).testConnection();
    expect(r2.error).toMatchObject({ code: 'auth.ip_not_allowed' });
    expect(r2.error!.hint).toMatch(/whitelist/);
  });

  it('bybit: a testnet key on the mainnet stream → auth.invalid_key', async () => {
    const account = await server.simulator.createAccount({ exchange: 'bybit', environment: 'testnet' });
    const result = await createConnector({
      ...streamOptions('bybit', account, server.url),
      environment: 'mainnet',
      clock,
    }).testConnection();
    expect(result.error).toMatchObject({ code: 'auth.invalid_key' });
  });
});

describe('private stream test: expired timestamp', () => {
  // The exchange's REST clock reads 2 minutes behind its stream servers (a skew fault on REST only), so the
  // offset learned by the clock sync makes the login timestamp 2 minutes stale.
  it.each([
    ['bybit', 'auth.timestamp', undefined],
    ['okx', 'auth.timestamp', '60006'],
    ['binance', 'auth.timestamp', -1021],
    ['pionex', 'auth.timestamp', 'INVALID_TIMESTAMP'],
    ['orangex', 'auth.timestamp', 10000],
  ] as const)('%s → %s (%s)', async (exchange, code, exchangeCode) => {
    server.simulator.setFaults({ faults: [{ kind: 'skew', exchange, ms: -120_000 }] });
    const { result, account } = await run(exchange);
    expect(result.clockOffsetMs).toBe(-120_000);
    expect(result.error).toMatchObject({ code });
    expect(result.error!.hint).toMatch(/clock|timestamp/i);
    if (exchangeCode !== undefined) expect(result.error!.exchangeCode).toBe(exchangeCode);
    const rejected = exchange === 'pionex' ? 4 : 1;
    expect(server.simulator.stats()[exchange]!.keys[account.id]!.rejections).toEqual({ timestamp: rejected });
    expect(result.log.join('\n')).toMatch(/Opening .* stream/);
  });
});

describe('private stream test: the stream cannot be reached', () => {
  it('an upgrade the server refuses (404 path) → network, with a hint', async () => {
    const account = await server.simulator.createAccount({ exchange: 'bybit' });
    const result = await createConnector({
      ...streamOptions('bybit', account, server.url),
      clock,
      webSocketFactory: (url) => new WebSocket(url.replace('/v5/private', '/v5/nowhere')),
    }).testConnection();
    expect(result.error).toMatchObject({
      code: 'network',
      message: expect.stringMatching(/refused the connection/),
    });
  });

  it('BingX: an expired listenKey closes the stream → retryable exchange error naming the listenKey', async () => {
    const account = await server.simulator.createAccount({ exchange: 'bingx' });
    const listenKey = server.simulator.streams.listenKeys.create(account.id, 'bingx', 'mainnet', clock.now());
    await clock.advance(server.simulator.streams.listenKeys.ttlMs);
    const result = await createConnector({
      ...streamOptions('bingx', account, server.url),
      clock,
      // The connector's own listenKey is swapped for the expired one on the way to the socket.
      webSocketFactory: (url) => new WebSocket(url.replace(/listenKey=[^&]+/, `listenKey=${listenKey}`)),
    }).testConnection();
    expect(result.error).toMatchObject({ code: 'exchange', exchangeCode: 1008 });
    expect(result.error!.message).toMatch(/listenKey does not exist or has expired/);
    expect(result.error!.hint).toMatch(/keep-alive/);
  });

  it('Binance USDⓈ-M: a key without the futures permission cannot get a listenKey → auth error with a hint', async () => {
    const account = await server.simulator.createAccount({
      exchange: 'binance',
      permissions: { futures: false },
    });
    const options = { ...streamOptions('binance', account, server.url), clock };
    const result = await withStreamTest(createConnector(options), options, 'binance-usdm').testConnection();
    expect(result.error!.code).toMatch(/^auth\./);
    expect(result.log.join('\n')).toContain('Requesting a listenKey (POST /fapi/v1/listenKey)');
  });

  it('Binance USDⓈ-M: an unknown listenKey is refused at the upgrade → network', async () => {
    const account = await server.simulator.createAccount({ exchange: 'binance' });
    const options = {
      ...streamOptions('binance', account, server.url),
      clock,
      webSocketFactory: (url: string) => new WebSocket(url.replace(/listenKey=.+$/, 'listenKey=nope')),
    };
    const result = await withStreamTest(createConnector(options), options, 'binance-usdm').testConnection();
    expect(result.error).toMatchObject({ code: 'network', message: expect.stringMatching(/refused/) });
  });
});
