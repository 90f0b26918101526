import { createConnector, withStreamTest } from '@cts/core/connectors';
import { ManualClock } from '@cts/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorServer, startSimulatorServer } from '../server.ts';
import { streamOptions } from './stream-test-kit.ts';

// BingX spot private stream (reference §4.6): the swap listenKey flow, then `/market?listenKey=` and an
// ACCOUNT_UPDATE subscription, gzip frames, server Ping / client Pong.
const clock = new ManualClock();
let server: SimulatorServer;

beforeAll(async () => {
  server = await startSimulatorServer({ port: 0, clock });
});
afterAll(() => server.close());

async function spotOptions(tweak: { apiKey?: string } = {}) {
  const account = await server.simulator.createAccount({ exchange: 'bingx' });
  const options = { ...streamOptions('bingx', account, server.url), apiType: 'spot' as const, clock };
  if (tweak.apiKey) options.credentials.apiKey = tweak.apiKey;
  return { account, options };
}

describe('BingX spot private stream', () => {
  it('apiType spot: listenKey, /market, ACCOUNT_UPDATE subscription, Pong, DELETE on close', async () => {
    const { account, options } = await spotOptions();
    const result = await withStreamTest(createConnector(options), options).testConnection();
    expect(result.error).toBeUndefined();
    expect(result.success).toBe(true);
    const log = result.log.join('\n');
    expect(log).toContain('Opening BingX spot user data stream: ws://');
    expect(log).toMatch(/\/bingx\/market\?listenKey=…/);
    expect(log).toContain('Subscribed (ACCOUNT_UPDATE)');
    expect(log).toMatch(/answered 1 server ping/);
    expect(log).toContain('Closed cleanly (code 1000)');
    // listenKey POST, the stream, listenKey DELETE.
    expect(server.simulator.stats().bingx!.keys[account.id]).toMatchObject({ requests: 3, accepted: 3 });
  });

  it('the swap stream is not the spot one: other apiTypes still open /swap-market', async () => {
    const { options } = await spotOptions();
    const swap = { ...options, apiType: 'perpetual_futures' as const };
    const result = await withStreamTest(createConnector(swap), swap).testConnection();
    expect(result.error).toBeUndefined();
    expect(result.log.join('\n')).toMatch(/\/bingx\/swap-market\?listenKey=…/);
  });

  it('an unknown API key cannot get a listenKey → auth.invalid_key (100413) with a hint', async () => {
    const { options } = await spotOptions({ apiKey: 'not-a-bingx-key-0000000000000000' });
    const result = await withStreamTest(createConnector(options), options).testConnection();
    expect(result.error).toMatchObject({ code: 'auth.invalid_key', exchangeCode: 100413 });
    expect(result.error!.hint.length).toBeGreaterThan(10);
    expect(result.log.join('\n')).toContain(`Hint: ${result.error!.hint}`);
  });

  it('an expired listenKey closes /market → retryable exchange error whose hint names keep-alive', async () => {
    const { account, options } = await spotOptions();
    const listenKey = server.simulator.streams.listenKeys.create(account.id, 'bingx', 'mainnet', clock.now());
    await clock.advance(server.simulator.streams.listenKeys.ttlMs);
    const swapped = {
      ...options,
      webSocketFactory: (url: string) =>
        new WebSocket(url.replace(/listenKey=[^&]+/, `listenKey=${listenKey}`)),
    };
    const result = await withStreamTest(createConnector(swapped), swapped).testConnection();
    expect(result.error).toMatchObject({ code: 'exchange', exchangeCode: 1008 });
    expect(result.error!.message).toMatch(/listenKey does not exist or has expired/);
    expect(result.error!.hint).toMatch(/keep-alive/);
    expect(JSON.stringify(result)).not.toContain(options.credentials.apiSecret);
  });

  it('the spot stream answers an unsupported subscription with 80015', async () => {
    const { account } = await spotOptions();
    const created = await fetch(`${server.url}/bingx/openApi/user/auth/userDataStream`, {
      method: 'POST',
      headers: { 'X-BX-APIKEY': account.apiKey },
    });
    const { listenKey } = (await created.json()) as { listenKey: string };
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/bingx/market?listenKey=${listenKey}`);
    socket.binaryType = 'arraybuffer';
    const texts: string[] = [];
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () =>
        socket.send(JSON.stringify({ id: 'x', reqType: 'sub', dataType: 'BTC-USDT@trade' }));
      socket.onmessage = async (e) => {
        const text = await new Response(
          new Blob([e.data as ArrayBuffer]).stream().pipeThrough(new DecompressionStream('gzip')),
        ).text();
        texts.push(text);
        if (text.startsWith('{')) resolve();
      };
      socket.onerror = () => reject(new Error('socket error'));
    });
    socket.close();
    expect(JSON.parse(texts.find((t) => t.startsWith('{'))!)).toMatchObject({ id: 'x', code: 80015 });
  });
});
