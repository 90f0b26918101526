import {
  createConnector,
  createStreamMonitor,
  type StreamMonitorEvent,
  withStreamTest,
} from '@cts/core/connectors';
import type { WebSocketLike } from '@cts/core/ports';
import { ManualClock } from '@cts/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedAccount } from '../accounts/account-store.ts';
import { type SimulatorServer, startSimulatorServer } from '../server.ts';
import { lossyFactory, streamOptions, until } from './stream-test-kit.ts';

// Binance margin user data (reference §2.6): POST /sapi/v1/userListenToken, then the WS API method
// userDataStream.subscribe.listenToken on /ws-api/v3.
const clock = new ManualClock();
let server: SimulatorServer;

beforeAll(async () => {
  server = await startSimulatorServer({ port: 0, clock });
});
afterAll(() => server.close());

const margin = (account: CreatedAccount) => ({
  ...streamOptions('binance', account, server.url),
  apiType: 'margin' as const,
  clock,
});
const wrong = (secret: string) => secret.slice(0, -4) + (secret.endsWith('AAAA') ? 'BBBB' : 'AAAA');
const test = (options: ReturnType<typeof margin>) =>
  withStreamTest(createConnector(options), options, 'binance-margin').testConnection();

describe('Binance margin user data stream (kind binance-margin)', () => {
  it('listenToken (signed POST), subscribe.listenToken on the WS API, clean close', async () => {
    const account = await server.simulator.createAccount({ exchange: 'binance' });
    const result = await test(margin(account));
    expect(result.error).toBeUndefined();
    expect(result.success).toBe(true);
    const log = result.log.join('\n');
    expect(log).toContain('Requesting a listenToken (POST /sapi/v1/userListenToken)...');
    expect(log).toContain(
      `listenToken received (expires ${new Date(clock.now() + 86_400_000).toISOString()})`,
    );
    expect(log).toMatch(
      /Opening Binance margin user data stream: ws:\/\/127\.0\.0\.1:\d+\/binance\/ws-api\/v3/,
    );
    expect(log).toContain('Authenticated (subscriptionId 0)');
    expect(log).toContain('Closed cleanly (code 1000)');
    expect(log).not.toContain(account.apiSecret);
    // The token request and the subscription.
    expect(server.simulator.stats().binance!.keys[account.id]).toMatchObject({ requests: 2, accepted: 2 });
  });

  it('a bad signature on the token request → auth.invalid_signature (-1022); the stream is never opened', async () => {
    const account = await server.simulator.createAccount({ exchange: 'binance' });
    const options = margin(account);
    options.credentials.apiSecret = wrong(options.credentials.apiSecret);
    const result = await test(options);
    expect(result.error).toMatchObject({ code: 'auth.invalid_signature', exchangeCode: -1022 });
    expect(result.error!.hint.length).toBeGreaterThan(10);
    const log = result.log.join('\n');
    expect(log).toContain(`Hint: ${result.error!.hint}`);
    expect(log).not.toContain('Opening');
    expect(JSON.stringify(result)).not.toContain(options.credentials.apiSecret);
    expect(server.simulator.stats().binance!.keys[account.id]!.rejections).toEqual({ bad_signature: 1 });
  });

  it('a key without the margin permission cannot get a listenToken → auth error', async () => {
    const account = await server.simulator.createAccount({
      exchange: 'binance',
      permissions: { margin: false },
    });
    const result = await test(margin(account));
    expect(result.error!.code).toMatch(/^auth\./);
  });

  it('an expired listenToken is refused by subscribe.listenToken → retryable exchange error (-1125) with a renewal hint', async () => {
    const account = await server.simulator.createAccount({ exchange: 'binance' });
    const stale = server.simulator.streams.listenKeys.create(account.id, 'binance', 'mainnet', clock.now(), {
      scope: 'listenToken',
      ttlMs: 60_000,
    });
    await clock.advance(60_000);
    const options = {
      ...margin(account),
      // The connector's fresh token is swapped for the expired one on the way to the socket.
      webSocketFactory: (url: string) => {
        const socket = new WebSocket(url);
        const send = socket.send.bind(socket);
        socket.send = (data) =>
          send(
            typeof data === 'string'
              ? data.replace(/"listenToken":"[^"]+"/, `"listenToken":"${stale}"`)
              : data,
          );
        return socket as unknown as WebSocketLike;
      },
    };
    const result = await test(options);
    expect(result.error).toMatchObject({ code: 'exchange', exchangeCode: -1125 });
    expect(result.error!.message).toMatch(/listenToken does not exist or has expired/);
    expect(result.error!.hint).toMatch(/userListenToken/);
    expect(server.simulator.stats().binance!.keys.unknown!.rejections).toMatchObject({ bad_token: 1 });
  });

  it('a listenToken is not a USDⓈ-M listenKey, and its expiry ends the subscription (eventStreamTerminated)', async () => {
    const account = await server.simulator.createAccount({ exchange: 'binance' });
    const created = await fetch(`${server.url}/binance/sapi/v1/userListenToken`, {
      method: 'POST',
      headers: { 'X-MBX-APIKEY': account.apiKey },
    });
    expect(created.status).toBe(400); // unsigned: -1102 timestamp missing
    const token = server.simulator.streams.listenKeys.create(account.id, 'binance', 'mainnet', clock.now(), {
      scope: 'listenToken',
      ttlMs: 30_000,
    });
    const asListenKey = await new Promise<string>((resolve) => {
      const s = new WebSocket(`${server.url.replace('http', 'ws')}/binance/private/ws/${token}`);
      s.onopen = () => {
        s.close();
        resolve('open');
      };
      s.onerror = () => resolve('refused');
    });
    expect(asListenKey).toBe('refused');
    const frames: Record<string, unknown>[] = [];
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/binance/ws-api/v3`);
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () =>
        socket.send(
          JSON.stringify({
            id: 1,
            method: 'userDataStream.subscribe.listenToken',
            params: { listenToken: token },
          }),
        );
      socket.onmessage = (e) => {
        frames.push(JSON.parse(String(e.data)));
        if (frames.length === 1) void clock.advance(40_000);
        if (frames.length === 2) resolve();
      };
      socket.onerror = () => reject(new Error('socket error'));
    });
    socket.close();
    expect(frames[0]).toMatchObject({ id: 1, status: 200, result: { subscriptionId: 0 } });
    expect(frames[1]).toMatchObject({ subscriptionId: 0, event: { e: 'eventStreamTerminated' } });
  });

  it('a monitor renews the listenToken before it expires and subscribes again on the open connection', async () => {
    // Tokens of 50 min: under the 1-hour renewal margin from the start, so the first keep-alive renews.
    const short = await startSimulatorServer({ port: 0, clock, listenTokenValidityMs: 50 * 60_000 });
    try {
      const account = await short.simulator.createAccount({ exchange: 'binance' });
      const events: StreamMonitorEvent[] = [];
      const wire = lossyFactory(() => false);
      const m = createStreamMonitor(
        {
          ...streamOptions('binance', account, short.url),
          apiType: 'margin',
          clock,
          webSocketFactory: wire.factory,
        },
        { kind: 'binance-margin', keepAliveIntervalMs: 10_000, onEvent: (e) => events.push(e) },
      );
      m.start();
      try {
        await until(() => m.state === 'open', 'open');
        await clock.advance(10_000);
        await until(() => events.some((e) => e.type === 'keepalive'), 'keep-alive');
        await until(
          () => wire.received.some((t) => t.includes('"subscriptionId":1')),
          'the second subscription',
        );
        const tokens = wire.sent
          .filter((t) => t.includes('userDataStream.subscribe.listenToken'))
          .map((t) => JSON.parse(t).params.listenToken as string);
        expect(tokens).toHaveLength(2);
        expect(tokens[0]).not.toBe(tokens[1]);
        expect(m.connects).toBe(1);
        expect(events.filter((e) => e.type === 'error')).toEqual([]);
        // Two token requests and two subscriptions, all accepted.
        expect(short.simulator.stats().binance!.keys[account.id]).toMatchObject({ requests: 4, accepted: 4 });
      } finally {
        await m.stop();
      }
    } finally {
      await short.close();
    }
  });
});
