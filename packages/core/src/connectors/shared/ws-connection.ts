import { CtsError, errorLabel } from '../../errors/cts-error.ts';
import type { Clock } from '../../ports/clock.ts';
import type { WebSocketFactory, WebSocketLike } from '../../ports/websocket.ts';

/** Turns a binary frame into text (BingX: gunzip). @default UTF-8 decoding */
export type FrameDecoder = (bytes: Uint8Array) => Promise<string>;

export const utf8Decoder: FrameDecoder = async (bytes) => new TextDecoder().decode(bytes);

/** gunzip with the Web-standard DecompressionStream (Node 18+, Bun, Deno, Workers). */
export const gzipDecoder: FrameDecoder = async (bytes) => {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
};

export interface CloseInfo {
  code: number;
  reason: string;
}

type Item = { text: string } | { closed: CloseInfo };

/** Waits `ms` on the injected clock, then throws `timeout`; cancelled through `signal`. */
async function deadline(clock: Clock, ms: number, signal: AbortSignal, what: string): Promise<never> {
  await clock.sleep(ms, signal);
  throw new CtsError('timeout', `${what}: no answer within ${ms} ms`, { context: { deadline: true } });
}

/**
 * One open WebSocket read as a queue of text frames. Frames are decoded in arrival order; `next` returns
 * the next one or throws a CtsError when the socket closes (the close code and reason are kept) or when
 * nothing arrives in time (measured on the injected clock).
 */
export class WsConnection {
  readonly socket: WebSocketLike;
  readonly #clock: Clock;
  readonly #items: Item[] = [];
  readonly #waiters: (() => void)[] = [];
  #decoding: Promise<void> = Promise.resolve();
  #closeInfo: CloseInfo | undefined;

  constructor(socket: WebSocketLike, clock: Clock, decode: FrameDecoder = utf8Decoder) {
    this.socket = socket;
    this.#clock = clock;
    socket.binaryType = 'arraybuffer';
    socket.addEventListener('message', (event) => {
      const data = event.data;
      this.#decoding = this.#decoding.then(async () => {
        const text =
          typeof data === 'string'
            ? data
            : await decode(
                data instanceof ArrayBuffer
                  ? new Uint8Array(data)
                  : data instanceof Uint8Array
                    ? data
                    : new Uint8Array(await (data as Blob).arrayBuffer()),
              ).catch(() => '');
        this.#push({ text });
      });
    });
    socket.addEventListener('close', (event) => {
      const info = { code: event.code ?? 1006, reason: event.reason ?? '' };
      this.#decoding = this.#decoding.then(() => {
        this.#closeInfo = info;
        this.#push({ closed: info });
      });
    });
  }

  /** Opens a socket with the factory and waits for it to be open (Workers' sockets already are). */
  static async open(
    factory: WebSocketFactory,
    url: string,
    clock: Clock,
    timeoutMs: number,
    decode?: FrameDecoder,
  ): Promise<WsConnection> {
    let socket: WebSocketLike;
    try {
      socket = await factory(url);
    } catch (err) {
      // Bun and Deno quote the URL when they refuse it, and a stream URL can carry a listenKey or a key and
      // signature: the message names the host and the error's class only, and the original is not kept as cause.
      const host = /^[a-z]+:\/\/[^/?#]*/i.exec(url)?.[0] ?? 'the stream URL';
      throw new CtsError('network', `Could not open the stream at ${host} (${errorLabel(err)})`);
    }
    const connection = new WsConnection(socket, clock, decode);
    if (socket.readyState === 1) return connection;
    const stop = new AbortController();
    const opened = new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve());
      socket.addEventListener('close', (event) =>
        reject(
          new CtsError(
            'network',
            `The stream refused the connection (close ${event.code ?? 1006}${event.reason ? ` ${event.reason}` : ''})`,
          ),
        ),
      );
    });
    try {
      await Promise.race([opened, deadline(clock, timeoutMs, stop.signal, 'Opening the stream')]);
    } catch (err) {
      connection.close(1000);
      throw err;
    } finally {
      stop.abort();
    }
    return connection;
  }

  #push(item: Item): void {
    this.#items.push(item);
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** How the socket closed, once it has. */
  get closeInfo(): CloseInfo | undefined {
    return this.#closeInfo;
  }

  /**
   * The next text frame, or the close once the socket has closed; throws `timeout` when nothing arrives
   * within `timeoutMs` (undefined = wait without a deadline).
   */
  async next(timeoutMs?: number, what = 'The stream'): Promise<string | CloseInfo> {
    const stop = new AbortController();
    try {
      for (;;) {
        const item = this.#items.shift();
        if (item) return 'text' in item ? item.text : item.closed;
        if (this.#closeInfo) return this.#closeInfo;
        const arrived = new Promise<void>((resolve) => this.#waiters.push(resolve));
        if (timeoutMs === undefined) await arrived;
        else await Promise.race([arrived, deadline(this.#clock, timeoutMs, stop.signal, what)]);
      }
    } finally {
      stop.abort();
    }
  }

  /** The text frames already received and decoded, taken without waiting. */
  takeBuffered(): string[] {
    const out: string[] = [];
    while (this.#items.length > 0 && 'text' in this.#items[0]!)
      out.push((this.#items.shift() as { text: string }).text);
    return out;
  }

  send(text: string): void {
    if (this.socket.readyState === 1) this.socket.send(text);
  }

  /** Closes (once) and resolves when the close is seen or after `waitMs` on the clock. */
  async close(code = 1000, reason = '', waitMs = 0): Promise<CloseInfo | undefined> {
    if (this.socket.readyState < 2) {
      try {
        this.socket.close(code, reason);
      } catch {
        // already closing
      }
    }
    if (waitMs <= 0 || this.#closeInfo) return this.#closeInfo;
    for (;;) {
      const item = await this.next(waitMs, 'Closing the stream').catch(() => undefined);
      if (item === undefined || typeof item !== 'string') return this.#closeInfo;
    }
  }
}
