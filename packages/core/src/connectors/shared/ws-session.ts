import { CtsError } from '../../errors/cts-error.ts';
import type { Clock } from '../../ports/clock.ts';
import type { WebSocketFactory } from '../../ports/websocket.ts';
import type { Balance } from '../types.ts';
import { WsConnection } from './ws-connection.ts';
import type { StreamEvent, StreamPlan, StreamProtocol } from './ws-protocol.ts';

export interface StreamDeps {
  webSocketFactory: WebSocketFactory;
  clock: Clock;
  /** Per step (open, login, subscribe, pong). */
  timeoutMs: number;
}

/** An authenticated, subscribed stream. */
export interface OpenStream {
  connection: WsConnection;
  plan: StreamPlan;
  balance: Balance | null;
  /** Server heartbeats answered so far. */
  heartbeatsAnswered: number;
}

/**
 * Reads frames until `wanted` matches: answers server heartbeats on the way, throws the exchange's error
 * events and unexpected closes as mapped CtsErrors.
 */
export async function readUntil(
  open: OpenStream,
  protocol: StreamProtocol,
  wanted: (event: StreamEvent) => boolean,
  timeoutMs: number | undefined,
  what: string,
): Promise<StreamEvent> {
  for (;;) {
    const frame = await open.connection.next(timeoutMs, what);
    if (typeof frame !== 'string') throw protocol.closeError(frame);
    const event = protocol.read(frame);
    if (event.kind === 'error') throw event.error;
    if (event.kind === 'heartbeat' && event.reply !== undefined) {
      open.connection.send(event.reply);
      open.heartbeatsAnswered++;
    }
    if (event.kind === 'balance' && open.balance === null) open.balance = event.balance;
    if (wanted(event)) return event;
  }
}

/** Handles the frames already received (answers server pings, keeps the first balance) without waiting. */
export function drain(open: OpenStream, protocol: StreamProtocol): void {
  for (const frame of open.connection.takeBuffered()) {
    const event = protocol.read(frame);
    if (event.kind === 'error') throw event.error;
    if (event.kind === 'heartbeat' && event.reply !== undefined) {
      open.connection.send(event.reply);
      open.heartbeatsAnswered++;
    }
    if (event.kind === 'balance' && open.balance === null) open.balance = event.balance;
  }
}

/**
 * Opens the private stream and authenticates: login message (or the signed URL / listenKey), subscription
 * to the balance channel, and the first balance where the exchange pushes one. Closes the socket on failure.
 */
export async function openStream(
  protocol: StreamProtocol,
  deps: StreamDeps,
  step: (text: string) => void,
): Promise<OpenStream> {
  const plan = await protocol.prepare(step);
  step(`Opening ${protocol.label}: ${plan.safeUrl}`);
  const connection = await WsConnection.open(
    deps.webSocketFactory,
    plan.url,
    deps.clock,
    deps.timeoutMs,
    plan.decode,
  );
  const open: OpenStream = { connection, plan, balance: null, heartbeatsAnswered: 0 };
  try {
    step('Connected');
    if (plan.login !== null) {
      step('Authenticating (signed login message)...');
      connection.send(plan.login);
      const ok = await readUntil(open, protocol, (e) => e.kind === 'authenticated', deps.timeoutMs, 'Login');
      step(`Authenticated${ok.kind === 'authenticated' && ok.detail ? ` (${ok.detail})` : ''}`);
    }
    if (plan.subscribe !== null) {
      step('Subscribing to the balance channel...');
      connection.send(plan.subscribe);
      const ack = await readUntil(
        open,
        protocol,
        (e) => e.kind === 'subscribed' || e.kind === 'balance',
        deps.timeoutMs,
        'Subscription',
      );
      if (plan.login === null) step('Signed connection accepted by the exchange');
      step(`Subscribed${ack.kind === 'subscribed' && ack.detail ? ` (${ack.detail})` : ''}`);
    } else if (plan.confirmedOnOpen) {
      step('listenKey accepted: account events stream as they happen');
    } else if (plan.login === null) {
      step('Waiting for the first frame...');
      await readUntil(open, protocol, (e) => e.kind !== 'other', deps.timeoutMs, 'First frame');
      step('listenKey accepted: the server is streaming');
    }
    if (protocol.balanceOnSubscribe && open.balance === null)
      await readUntil(open, protocol, (e) => e.kind === 'balance', deps.timeoutMs, 'First balance');
    return open;
  } catch (err) {
    await connection.close(1000);
    await plan.release?.().catch(() => {});
    throw err;
  }
}

/** Sends one client ping and waits for the pong; returns the round trip in clock ms. */
export async function pingOnce(
  open: OpenStream,
  protocol: StreamProtocol,
  deps: StreamDeps,
): Promise<number> {
  if (protocol.ping === null) throw new TypeError('ping: this stream is pinged by the server');
  const sent = deps.clock.now();
  open.connection.send(protocol.ping);
  await readUntil(
    open,
    protocol,
    (e) => e.kind === 'heartbeat' && e.reply === undefined,
    deps.timeoutMs,
    'Heartbeat',
  ).catch((err) => {
    if (err instanceof CtsError && err.context.deadline === true)
      throw new CtsError('timeout', `${protocol.label}: no pong within ${deps.timeoutMs} ms`, {
        hint: 'The stream missed a heartbeat: the network or a proxy drops WebSocket frames, or the exchange is overloaded.',
      });
    throw err;
  });
  return deps.clock.now() - sent;
}

/** Closes cleanly (code 1000) and releases the listenKey; returns the close code seen. */
export async function closeStream(open: OpenStream, deps: StreamDeps): Promise<number | undefined> {
  await open.plan.release?.();
  const info = await open.connection.close(1000, 'bye', deps.timeoutMs);
  return info?.code;
}
