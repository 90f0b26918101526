import { gzipSync } from 'node:zlib';
import { flushMicrotasks, ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { CtsError } from '../../errors/cts-error.ts';
import {
  createFetchUpgradeWebSocketFactory,
  type WebSocketEventLike,
  type WebSocketLike,
} from '../../ports/websocket.ts';
import { gzipDecoder, WsConnection } from './ws-connection.ts';

/** A scripted socket: the test fires its events. */
class FakeSocket implements WebSocketLike {
  readyState = 0;
  binaryType = 'blob';
  sent: string[] = [];
  closedWith: [number?, string?] | undefined;
  #listeners = new Map<string, ((e: WebSocketEventLike) => void)[]>();
  addEventListener(type: string, listener: (e: WebSocketEventLike) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }
  emit(type: string, event: WebSocketEventLike = {}): void {
    if (type === 'open') this.readyState = 1;
    if (type === 'close') this.readyState = 3;
    for (const l of this.#listeners.get(type) ?? []) l(event);
  }
  send(data: string): void {
    this.sent.push(data);
  }
  close(code?: number, reason?: string): void {
    this.closedWith = [code, reason];
    this.readyState = 2;
  }
}

describe('WsConnection', () => {
  it('opens, reads text and binary frames in order, and reports the close', async () => {
    const clock = new ManualClock();
    const socket = new FakeSocket();
    const opening = WsConnection.open(() => socket, 'ws://x/y', clock, 1000);
    socket.emit('open');
    const c = await opening;
    expect(socket.binaryType).toBe('arraybuffer');
    socket.emit('message', { data: 'one' });
    socket.emit('message', { data: new TextEncoder().encode('two').buffer });
    socket.emit('close', { code: 4004, reason: 'idle' });
    expect(await c.next(100)).toBe('one');
    expect(await c.next(100)).toBe('two');
    expect(await c.next(100)).toEqual({ code: 4004, reason: 'idle' });
    expect(await c.next(100)).toEqual({ code: 4004, reason: 'idle' });
  });

  it('gunzips frames with the Web DecompressionStream', async () => {
    const clock = new ManualClock();
    const socket = new FakeSocket();
    socket.readyState = 1;
    const c = await WsConnection.open(() => socket, 'ws://x', clock, 1000, gzipDecoder);
    const gz = gzipSync('Ping');
    socket.emit('message', { data: gz.buffer.slice(gz.byteOffset, gz.byteOffset + gz.byteLength) });
    expect(await c.next(100)).toBe('Ping');
  });

  it('times out on the injected clock: opening and reading', async () => {
    const clock = new ManualClock();
    const socket = new FakeSocket();
    const opening = WsConnection.open(() => socket, 'ws://x', clock, 1000).catch((e: unknown) => e);
    await clock.advance(1000);
    const err = (await opening) as CtsError;
    expect(err).toBeInstanceOf(CtsError);
    expect(err.code).toBe('timeout');
    expect(socket.closedWith?.[0]).toBe(1000);

    const s2 = new FakeSocket();
    s2.readyState = 1;
    const c = await WsConnection.open(() => s2, 'ws://x', clock, 1000);
    const reading = c.next(500, 'Login').catch((e: unknown) => e);
    await clock.advance(499);
    socket.emit('message', { data: 'late, other socket' });
    await clock.advance(1);
    expect(await reading).toMatchObject({
      code: 'timeout',
      message: 'Login: no answer within 500 ms',
      context: { deadline: true },
    });
    expect(clock.pending).toBe(0);
  });

  it('a socket that closes while opening → network, with the close code', async () => {
    const clock = new ManualClock();
    const socket = new FakeSocket();
    const opening = WsConnection.open(() => socket, 'ws://x', clock, 1000).catch((e: unknown) => e);
    await flushMicrotasks(); // socket events come from the event loop, after open() has attached its listeners
    socket.emit('error');
    socket.emit('close', { code: 1006, reason: '' });
    expect(await opening).toMatchObject({
      code: 'network',
      message: 'The stream refused the connection (close 1006)',
    });
    expect(clock.pending).toBe(0);
  });

  it('a factory that throws → network', async () => {
    const err = await WsConnection.open(
      () => {
        throw new TypeError('bad url');
      },
      'ws://x',
      new ManualClock(),
      1000,
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'network',
      message: 'Could not open the stream at ws://x (TypeError)',
    });
  });

  it('a factory error quoting the URL (Bun, Deno) keeps the host only: no listenKey or signature', async () => {
    const url = 'wss://ws.pionex.com/ws?key=KEY123&timestamp=1&signature=SIG456';
    const err = await WsConnection.open(
      (u) => {
        throw new SyntaxError(`Invalid URL: '${u}'`);
      },
      url,
      new ManualClock(),
      1000,
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'network',
      message: 'Could not open the stream at wss://ws.pionex.com (SyntaxError)',
    });
    expect((err as Error).cause).toBeUndefined();
    expect(JSON.stringify(err)).not.toMatch(/KEY123|SIG456/);
  });

  it('takeBuffered returns decoded frames without waiting', async () => {
    const socket = new FakeSocket();
    socket.readyState = 1;
    const c = await WsConnection.open(() => socket, 'ws://x', new ManualClock(), 1000);
    socket.emit('message', { data: 'a' });
    socket.emit('message', { data: 'b' });
    await flushMicrotasks();
    expect(c.takeBuffered()).toEqual(['a', 'b']);
    expect(c.takeBuffered()).toEqual([]);
  });
});

describe('createFetchUpgradeWebSocketFactory (Workers)', () => {
  it('fetches the http(s) URL with Upgrade: websocket and accepts response.webSocket', async () => {
    const socket = Object.assign(new FakeSocket(), { accepted: false, accept() {} });
    socket.accept = () => {
      socket.accepted = true;
      socket.readyState = 1;
    };
    const calls: { url: string; upgrade: string | null }[] = [];
    const factory = createFetchUpgradeWebSocketFactory(async (input, init) => {
      calls.push({ url: String(input), upgrade: new Headers(init?.headers).get('upgrade') });
      return Object.assign(new Response(null, { status: 200 }), { webSocket: socket });
    });
    const opened = await factory('wss://stream.bybit.com/v5/private');
    expect(calls).toEqual([{ url: 'https://stream.bybit.com/v5/private', upgrade: 'websocket' }]);
    expect(socket.accepted).toBe(true);
    expect(opened.readyState).toBe(1);
  });

  it('a refused upgrade (no webSocket on the response) throws naming the status', async () => {
    const factory = createFetchUpgradeWebSocketFactory(async () => new Response('no', { status: 426 }));
    await expect(factory('ws://127.0.0.1:1/x')).rejects.toThrow('WebSocket upgrade refused: HTTP 426');
  });
});
