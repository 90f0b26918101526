import { createHmac } from 'node:crypto';
import { createConnector, withStreamTest } from '@cts/core/connectors';
import { ManualClock } from '@cts/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedAccount } from '../accounts/account-store.ts';
import { type SimulatorServer, startSimulatorServer } from '../server.ts';
import { streamOptions } from './stream-test-kit.ts';

// Pionex futures private stream `/wsUA` (reference §5.6): op auth with HMAC(secret, ts + "websocket_auth")
// (the documented text; its printed example does not reproduce — UNCONFIRMED), then BALANCE.
const clock = new ManualClock();
let server: SimulatorServer;

beforeAll(async () => {
  server = await startSimulatorServer({ port: 0, clock });
});
afterAll(() => server.close());
afterEach(() => server.simulator.setFaults({ faults: [] }));

const futures = (account: CreatedAccount) => ({
  ...streamOptions('pionex', account, server.url),
  apiType: 'perpetual_futures' as const,
  clock,
});
const wrong = (secret: string) => secret.slice(0, -4) + (secret.endsWith('AAAA') ? 'BBBB' : 'AAAA');

describe('Pionex futures private stream (/wsUA)', () => {
  it('apiType perpetual_futures: op auth, BALANCE subscription, the futures wallet on the stream', async () => {
    const account = await server.simulator.createAccount({
      exchange: 'pionex',
      balances: { futures: { USDT: { free: 900, locked: 100 } }, spot: { USDT: 5 } },
    });
    const options = futures(account);
    const result = await withStreamTest(createConnector(options), options).testConnection();
    expect(result.error).toBeUndefined();
    const log = result.log.join('\n');
    expect(log).toMatch(/Opening Pionex futures private stream: ws:\/\/127\.0\.0\.1:\d+\/pionex\/wsUA/);
    expect(log).toContain('Authenticated');
    expect(log).toContain('Subscribed (BALANCE)');
    expect(log).toContain('Closed cleanly (code 1000)');
    expect(log).not.toContain(account.apiSecret);
    expect(result.balance!.assets).toEqual([{ asset: 'USDT', total: 1000, available: 900, locked: 100 }]);
    expect(server.simulator.stats().pionex!.keys[account.id]!.rejections).toEqual({});
  });

  it('the server sends binary UTF-8 JSON frames on /wsUA, PINGs, and checks HMAC(secret, ts + "websocket_auth")', async () => {
    const account = await server.simulator.createAccount({ exchange: 'pionex' });
    const ts = String(clock.now());
    const sig = createHmac('sha256', account.apiSecret).update(`${ts}websocket_auth`).digest('hex');
    const frames: Record<string, unknown>[] = [];
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/pionex/wsUA`);
    socket.binaryType = 'arraybuffer';
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () => socket.send(JSON.stringify({ op: 'auth', args: [account.apiKey, ts, sig] }));
      socket.onmessage = (e) => {
        expect(e.data).toBeInstanceOf(ArrayBuffer);
        frames.push(JSON.parse(new TextDecoder().decode(e.data as ArrayBuffer)));
        if (frames.length === 1) void clock.advance(15_000);
        if (frames.length === 2) resolve();
      };
      socket.onerror = () => reject(new Error('socket error'));
    });
    socket.close();
    expect(frames[0]).toMatchObject({ op: 'AUTH', result: true });
    expect(frames[1]).toMatchObject({ op: 'PING' });
  });

  it('a wrong secret → auth.invalid_signature (INVALID_SIGNATURE) with a hint', async () => {
    const account = await server.simulator.createAccount({ exchange: 'pionex' });
    const options = futures(account);
    options.credentials.apiSecret = wrong(options.credentials.apiSecret);
    const result = await withStreamTest(createConnector(options), options).testConnection();
    expect(result.error).toMatchObject({ code: 'auth.invalid_signature', exchangeCode: 'INVALID_SIGNATURE' });
    expect(result.error!.hint.length).toBeGreaterThan(10);
    expect(result.log.join('\n')).toContain('Authenticating (signed login message)...');
    // No public time endpoint: the clock sync reads three signed (here rejected) replies, then the login.
    expect(server.simulator.stats().pionex!.keys[account.id]!.rejections).toEqual({ bad_signature: 4 });
    expect(JSON.stringify(result)).not.toContain(options.credentials.apiSecret);
  });

  it('a stale login timestamp → auth.timestamp (INVALID_TIMESTAMP), hint about the clock', async () => {
    // REST answers 2 minutes behind the stream server: the learned offset makes the login 2 minutes stale.
    server.simulator.setFaults({ faults: [{ kind: 'skew', exchange: 'pionex', ms: -120_000 }] });
    const account = await server.simulator.createAccount({ exchange: 'pionex' });
    const options = futures(account);
    const result = await withStreamTest(createConnector(options), options).testConnection();
    expect(result.clockOffsetMs).toBe(-120_000);
    expect(result.error).toMatchObject({ code: 'auth.timestamp', exchangeCode: 'INVALID_TIMESTAMP' });
    expect(result.error!.hint).toMatch(/clock|timestamp/i);
    expect(result.log.join('\n')).toContain('Authenticating (signed login message)...');
    expect(server.simulator.stats().pionex!.keys[account.id]!.rejections).toEqual({ timestamp: 4 });
  });
});
