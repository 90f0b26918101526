import { CtsError, toCtsError } from '../../errors/cts-error.ts';
import { type BackoffOptions, createBackoff } from '../../retry/backoff.ts';
import type { StreamProtocol } from './ws-protocol.ts';
import { type OpenStream, openStream, readUntil, type StreamDeps } from './ws-session.ts';

export type StreamMonitorState = 'idle' | 'connecting' | 'open' | 'backoff' | 'stopped';

export type StreamMonitorEvent =
  | { type: 'open'; connects: number }
  | { type: 'error'; error: CtsError }
  | { type: 'keepalive' }
  | { type: 'reconnecting'; delayMs: number };

export interface StreamMonitorOptions extends StreamDeps {
  protocol: StreamProtocol;
  /** How long to wait for the pong to a client ping. @default timeoutMs */
  pongTimeoutMs?: number;
  /** listenKey keep-alive period (PUT). @default 30 min */
  keepAliveIntervalMs?: number;
  /** Reconnect delays (decorrelated jitter). @default { baseMs: 1000, capMs: 60000 } */
  backoff?: BackoffOptions;
  onEvent?: (event: StreamMonitorEvent) => void;
}

const missedHeartbeat = (label: string, detail: string) =>
  new CtsError('timeout', `${label}: missed heartbeat (${detail})`, {
    hint: 'The stream went silent: the network or a proxy drops WebSocket frames, or the exchange is overloaded. It reconnects by itself.',
  });

/**
 * A long-lived private stream for health checks: authenticates, answers and sends heartbeats, keeps the
 * listenKey alive, and on any failure reconnects with backoff and authenticates again, until `stop()`.
 *
 * @example
 * const monitor = new StreamMonitor({ protocol, webSocketFactory, clock, timeoutMs: 10_000 });
 * monitor.start(); … await monitor.stop();
 */
export class StreamMonitor {
  readonly #o: StreamMonitorOptions;
  #state: StreamMonitorState = 'idle';
  #stop = new AbortController();
  #loop: Promise<void> | undefined;
  #current: OpenStream | undefined;
  connects = 0;
  reconnects = 0;
  lastError: CtsError | undefined;

  constructor(options: StreamMonitorOptions) {
    if (!(options.timeoutMs > 0)) throw new TypeError('timeoutMs: must be > 0');
    const keepAlive = options.keepAliveIntervalMs ?? 30 * 60_000;
    if (!(keepAlive > 0)) throw new TypeError('keepAliveIntervalMs: must be > 0');
    this.#o = options;
  }

  get state(): StreamMonitorState {
    return this.#state;
  }

  start(): void {
    if (this.#loop) throw new TypeError('start: the monitor is already running');
    this.#loop = this.#run();
  }

  /** Stops reconnecting and closes the stream (code 1000). */
  async stop(): Promise<void> {
    this.#stop.abort();
    this.#state = 'stopped';
    const open = this.#current;
    this.#current = undefined;
    if (open) {
      await open.plan.release?.().catch(() => {});
      await open.connection.close(1000, 'bye');
    }
    await this.#loop;
  }

  async #run(): Promise<void> {
    const o = this.#o;
    const signal = this.#stop.signal;
    let delay = createBackoff({ baseMs: 1000, capMs: 60_000, ...o.backoff });
    while (!signal.aborted) {
      this.#state = 'connecting';
      try {
        const open = await openStream(o.protocol, o, () => {});
        this.#current = open;
        if (signal.aborted) break;
        this.connects++;
        this.#state = 'open';
        delay = createBackoff({ baseMs: 1000, capMs: 60_000, ...o.backoff });
        o.onEvent?.({ type: 'open', connects: this.connects });
        await this.#hold(open);
      } catch (err) {
        if (signal.aborted) break;
        this.lastError = toCtsError(err);
        o.onEvent?.({ type: 'error', error: this.lastError });
      }
      await this.#current?.connection.close(1000);
      this.#current = undefined;
      if (signal.aborted) break;
      const delayMs = delay();
      this.#state = 'backoff';
      o.onEvent?.({ type: 'reconnecting', delayMs });
      try {
        await o.clock.sleep(delayMs, signal);
      } catch {
        break;
      }
      this.reconnects++;
    }
    this.#current = undefined;
    this.#state = 'stopped';
  }

  /** Runs until the connection fails: reads (answering server pings), pings, keeps the listenKey alive. */
  async #hold(open: OpenStream): Promise<void> {
    const o = this.#o;
    const p = o.protocol;
    const done = new AbortController();
    const stopped = () => this.#stop.signal.aborted || done.signal.aborted;
    let pongs = 0;
    const reader = (async () => {
      for (;;) {
        await readUntil(
          open,
          p,
          (e) => {
            if (e.kind === 'heartbeat' && e.reply === undefined) pongs++;
            return false;
          },
          p.serverSilenceMs ?? undefined,
          'Server heartbeat',
        ).catch((err) => {
          if (err instanceof CtsError && err.context.deadline === true && p.serverSilenceMs !== null)
            throw missedHeartbeat(p.label, `no server ping for ${p.serverSilenceMs} ms`);
          throw err;
        });
      }
    })();
    const pinger = (async () => {
      if (p.ping === null) return new Promise<never>(() => {});
      const pongTimeout = o.pongTimeoutMs ?? o.timeoutMs;
      while (!stopped()) {
        await o.clock.sleep(p.pingIntervalMs, done.signal);
        const before = pongs;
        open.connection.send(p.ping);
        await o.clock.sleep(pongTimeout, done.signal);
        if (pongs === before) throw missedHeartbeat(p.label, `no pong within ${pongTimeout} ms`);
      }
    })();
    const keeper = (async () => {
      if (!open.plan.keepAlive) return new Promise<never>(() => {});
      while (!stopped()) {
        await o.clock.sleep(o.keepAliveIntervalMs ?? 30 * 60_000, done.signal);
        await open.plan.keepAlive((text) => open.connection.send(text));
        o.onEvent?.({ type: 'keepalive' });
      }
    })();
    try {
      await Promise.race([reader, pinger, keeper]);
    } finally {
      done.abort();
      for (const task of [reader, pinger, keeper]) task.catch(() => {});
    }
  }
}
