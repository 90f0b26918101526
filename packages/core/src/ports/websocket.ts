import type { FetchLike } from './fetch.ts';

/** What the stream reads from socket events: `data` of message events, `code`/`reason` of close events. */
export interface WebSocketEventLike {
  data?: unknown;
  code?: number;
  reason?: string;
}

/** The subset of the WHATWG WebSocket a stream needs; the global WebSocket of Node 22+, Bun and Deno fits. */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
  binaryType?: string;
  /** Streams here only send text frames. */
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(
    type: 'open' | 'message' | 'close' | 'error',
    listener: (event: WebSocketEventLike) => void,
  ): void;
}

/** Opens a WebSocket to `url` (ws: or wss:). May resolve to a socket that is already open. */
export type WebSocketFactory = (url: string) => WebSocketLike | Promise<WebSocketLike>;

/**
 * The runtime's global WebSocket (Node 22+, Bun, Deno, browsers), looked up at call time.
 *
 * @example
 * const socket = await globalWebSocketFactory('wss://stream.bybit.com/v5/private');
 */
export const globalWebSocketFactory: WebSocketFactory = (url) => {
  const Ctor = (globalThis as { WebSocket?: new (url: string) => WebSocketLike }).WebSocket;
  if (!Ctor) throw new TypeError('webSocketFactory: this runtime has no global WebSocket; pass one');
  return new Ctor(url);
};

interface UpgradeResponse extends Response {
  webSocket?: (WebSocketLike & { accept(): void }) | null;
}

/**
 * The Cloudflare Workers client: `fetch(url, { headers: { Upgrade: 'websocket' } })`, then
 * `response.webSocket.accept()`. The socket it returns is already open.
 *
 * @example
 * const factory = createFetchUpgradeWebSocketFactory(); // in a Worker
 */
export function createFetchUpgradeWebSocketFactory(fetchImpl?: FetchLike): WebSocketFactory {
  return async (url) => {
    const httpUrl = url.replace(/^ws(s?):/, 'http$1:');
    const response = (await (fetchImpl ?? fetch)(httpUrl, {
      headers: { Upgrade: 'websocket' },
      redirect: 'manual',
    })) as UpgradeResponse;
    const socket = response.webSocket;
    if (!socket) throw new TypeError(`WebSocket upgrade refused: HTTP ${response.status}`);
    socket.accept();
    return socket;
  };
}
