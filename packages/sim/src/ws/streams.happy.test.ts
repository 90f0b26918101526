import { createConnector, withStreamTest } from '@cts/core/connectors';
import { EXCHANGES } from '@cts/core/exchanges';
import { ManualClock } from '@cts/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorServer, startSimulatorServer } from '../server.ts';
import { streamOptions } from './stream-test-kit.ts';

// Every exchange's `websocket` connection test against the simulator over real sockets, with the
// runtime's global WebSocket. Both sides read one ManualClock, so nothing waits on real time.
const clock = new ManualClock();
let server: SimulatorServer;

beforeAll(async () => {
  server = await startSimulatorServer({ port: 0, clock });
});
afterAll(() => server.close());

describe('private stream test (happy path)', () => {
  it.each(EXCHANGES.map((e) => [e]))(
    '%s: authenticates, subscribes, heartbeats and closes cleanly',
    async (exchange) => {
      const account = await server.simulator.createAccount({ exchange });
      const connector = createConnector({ ...streamOptions(exchange, account, server.url), clock });
      const result = await connector.testConnection();
      expect(result.error).toBeUndefined();
      expect(result.success).toBe(true);
      expect(result.clockOffsetMs).toBe(0);
      const log = result.log.join('\n');
      expect(log).toMatch(/Opening .* ws:\/\/127\.0\.0\.1:\d+\/\w+\//);
      expect(log).toMatch(/Heartbeat: /);
      expect(log).toContain('Closed cleanly (code 1000)');
      expect(log).not.toContain(account.apiSecret);
      const stats = server.simulator.stats()[exchange]!.keys[account.id]!;
      expect(stats.accepted).toBeGreaterThanOrEqual(1);
      expect(stats.rejections).toEqual({});
    },
  );

  it('OKX pushes the account snapshot on subscribe: the test reports that balance', async () => {
    const account = await server.simulator.createAccount({
      exchange: 'okx',
      balances: { unified: { USDT: { free: 900, locked: 100 }, BTC: 1 } },
    });
    const result = await createConnector({
      ...streamOptions('okx', account, server.url),
      clock,
    }).testConnection();
    expect(result.balance).toMatchObject({ currency: 'USD', total: 61_000, available: 60_900 });
    expect(result.log.join('\n')).toContain('Balance (stream): 61000 USD total');
  });

  it('Bybit logs in with an RSA key (RSA-SHA256 base64 of "GET/realtime" + expires)', async () => {
    const account = await server.simulator.createAccount({ exchange: 'bybit', keyType: 'rsa' });
    const result = await createConnector({
      ...streamOptions('bybit', account, server.url),
      clock,
    }).testConnection();
    expect(result.error).toBeUndefined();
  });

  it('Binance logs on with an Ed25519 key (session.logon, then an unsigned userDataStream.subscribe)', async () => {
    const account = await server.simulator.createAccount({ exchange: 'binance', keyType: 'ed25519' });
    const result = await createConnector({
      ...streamOptions('binance', account, server.url),
      clock,
    }).testConnection();
    expect(result.error).toBeUndefined();
    const log = result.log.join('\n');
    expect(log).toContain('Authenticated (session.logon)');
    expect(log).toContain('Subscribed (subscriptionId 0)');
  });

  it('Binance HMAC and RSA keys subscribe with userDataStream.subscribe.signature (no session.logon)', async () => {
    for (const keyType of ['hmac', 'rsa'] as const) {
      const account = await server.simulator.createAccount({ exchange: 'binance', keyType });
      const result = await createConnector({
        ...streamOptions('binance', account, server.url),
        clock,
      }).testConnection();
      expect(result.error).toBeUndefined();
      expect(result.log.join('\n')).toContain('Authenticated (subscriptionId 0)');
    }
  });

  it('routes testnet and demo keys to their own stream hosts (/bybit-testnet, /okx-demo, /bingx-demo)', async () => {
    for (const [exchange, environment] of [
      ['bybit', 'testnet'],
      ['okx', 'demo'],
      ['bingx', 'demo'],
    ] as const) {
      const account = await server.simulator.createAccount({ exchange, environment });
      const result = await createConnector({
        ...streamOptions(exchange, account, server.url),
        clock,
      }).testConnection();
      expect(result.error, `${exchange} ${environment}`).toBeUndefined();
      expect(result.log.join('\n')).toContain(`/${exchange}-${environment}/`);
    }
  });

  it('BingX frames are gzip on the wire and the listenKey is released (DELETE) on close', async () => {
    const account = await server.simulator.createAccount({ exchange: 'bingx' });
    const result = await createConnector({
      ...streamOptions('bingx', account, server.url),
      clock,
    }).testConnection();
    expect(result.log.join('\n')).toMatch(/answered 1 server ping/);
    // listenKey POST, the stream, listenKey DELETE.
    expect(server.simulator.stats().bingx!.keys[account.id]).toMatchObject({ requests: 3, accepted: 3 });
    const raw = await new Promise<ArrayBuffer>((resolve, reject) => {
      void (async () => {
        const created = await fetch(`${server.url}/bingx/openApi/user/auth/userDataStream`, {
          method: 'POST',
          headers: { 'X-BX-APIKEY': account.apiKey },
        });
        const { listenKey } = (await created.json()) as { listenKey: string };
        const socket = new WebSocket(
          `${server.url.replace('http', 'ws')}/bingx/swap-market?listenKey=${listenKey}`,
        );
        socket.binaryType = 'arraybuffer';
        socket.onmessage = (e) => {
          resolve(e.data as ArrayBuffer);
          socket.close();
        };
        socket.onerror = () => reject(new Error('socket error'));
      })();
    });
    const bytes = new Uint8Array(raw);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const text = await new Response(
      new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')),
    ).text();
    expect(text).toBe('Ping');
  });

  it('Binance USDⓈ-M: listenKey (POST /fapi/v1/listenKey), /private/ws?listenKey=, DELETE on close', async () => {
    const account = await server.simulator.createAccount({ exchange: 'binance' });
    const options = { ...streamOptions('binance', account, server.url), clock };
    const result = await withStreamTest(createConnector(options), options, 'binance-usdm').testConnection();
    expect(result.error).toBeUndefined();
    const log = result.log.join('\n');
    expect(log).toMatch(/\/binance\/private\/ws\?listenKey=…/);
    expect(log).toContain('listenKey accepted');
    expect(log).toContain('Closed cleanly (code 1000)');
    expect(server.simulator.stats().binance!.keys[account.id]).toMatchObject({ requests: 3, accepted: 3 });
  });
});
