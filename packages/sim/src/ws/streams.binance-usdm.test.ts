import { ManualClock } from '@cts/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINANCE_FUTURES_PING_MS } from '../exchanges/binance/ws-futures-stream.ts';
import { type SimulatorServer, startSimulatorServer } from '../server.ts';
import { until } from './stream-test-kit.ts';

// Binance USDⓈ-M user-data URL forms (reference 2026 §4) over real sockets; one ManualClock drives expiry.
const clock = new ManualClock();
let server: SimulatorServer;
let ws: string;
beforeAll(async () => {
  server = await startSimulatorServer({ port: 0, clock });
  ws = `${server.url.replace('http', 'ws')}/binance`;
});
afterAll(() => server.close());

async function listenKey(ttlMs?: number): Promise<string> {
  const account = await server.simulator.createAccount({ exchange: 'binance' });
  return server.simulator.streams.listenKeys.create(account.id, 'binance', 'mainnet', clock.now(), { ttlMs });
}

/** Opens a socket and records its frames and close; `opened` rejects when the upgrade is refused. */
function open(url: string) {
  const socket = new WebSocket(url);
  const frames: Record<string, unknown>[] = [];
  const closed: { code?: number } = {};
  socket.onmessage = (e) => frames.push(JSON.parse(String(e.data)));
  socket.onclose = (e) => {
    closed.code = e.code;
  };
  const opened = new Promise<void>((resolve, reject) => {
    socket.onopen = () => resolve();
    socket.onerror = () => reject(new Error('upgrade refused'));
  });
  return { socket, frames, closed, opened };
}

describe('Binance USDⓈ-M user-data URLs', () => {
  it('accepts /private/ws?listenKey= and refuses a dead key or none (HTTP 400)', async () => {
    const key = await listenKey();
    const good = open(`${ws}/private/ws?listenKey=${key}`);
    await good.opened;
    good.socket.close();
    await expect(open(`${ws}/private/ws?listenKey=${'0'.repeat(64)}`).opened).rejects.toThrow();
    await expect(open(`${ws}/private/ws`).opened).rejects.toThrow();
    await expect(open(`${ws}/private/stream?listenKey=nope`).opened).rejects.toThrow();
  });

  it('/private/stream?listenKey= wraps events {stream, data}; /private/ws sends them raw; both close on expiry', async () => {
    const [k1, k2] = [await listenKey(1000), await listenKey(1000)];
    const combined = open(`${ws}/private/stream?listenKey=${k1}`);
    const raw = open(`${ws}/private/ws?listenKey=${k2}`);
    await Promise.all([combined.opened, raw.opened]);
    await clock.advance(BINANCE_FUTURES_PING_MS);
    await until(() => combined.closed.code !== undefined && raw.closed.code !== undefined, 'both closes');
    expect(combined.frames).toEqual([
      { stream: k1, data: { e: 'listenKeyExpired', E: clock.now(), listenKey: k1 } },
    ]);
    expect(raw.frames).toEqual([{ e: 'listenKeyExpired', E: clock.now(), listenKey: k2 }]);
  });

  it('events= filters what is sent', async () => {
    const key = await listenKey(1000);
    const s = open(`${ws}/private/stream?listenKey=${key}&events=ORDER_TRADE_UPDATE,ACCOUNT_UPDATE`);
    await s.opened;
    await clock.advance(BINANCE_FUTURES_PING_MS);
    await until(() => s.closed.code !== undefined, 'the close');
    expect(s.frames).toEqual([]);
  });

  it('/private/stream + SUBSCRIBE → {"result":null,"id":1}; LIST_SUBSCRIPTIONS; documented error replies', async () => {
    const key = await listenKey(1000);
    const s = open(`${ws}/private/stream`);
    await s.opened;
    s.socket.send(JSON.stringify({ method: 'SUBSCRIBE', params: [key], id: 1 }));
    s.socket.send(JSON.stringify({ method: 'LIST_SUBSCRIPTIONS', id: 2 }));
    s.socket.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['0'.repeat(64)], id: 3 }));
    s.socket.send('{not json');
    s.socket.send(JSON.stringify({ method: 'SUBSCRIBE', params: [key], id: -1 }));
    s.socket.send(JSON.stringify({ method: 'PUBLISH', id: 4 }));
    await until(() => s.frames.length === 6, 'six replies');
    expect(s.frames.slice(0, 2)).toEqual([
      { result: null, id: 1 },
      { result: [key], id: 2 },
    ]);
    expect(s.frames[2]).toMatchObject({ code: 2, id: 3 });
    expect(s.frames[3]).toMatchObject({ code: 3 });
    expect(s.frames[4]).toMatchObject({
      code: 2,
      msg: 'Invalid request: request ID must be an unsigned integer',
    });
    expect(s.frames[5]).toMatchObject({ code: 2, id: 4 });
    // The subscription ends with its key; the connection itself stays open.
    await clock.advance(BINANCE_FUTURES_PING_MS);
    await until(() => s.frames.length === 7, 'the expiry event');
    expect(s.frames[6]).toMatchObject({ stream: key, data: { e: 'listenKeyExpired' } });
    expect(s.closed.code).toBeUndefined();
    s.socket.close();
  });
});
