import { sha256Hex } from '../crypto/hmac.ts';
import { randomHex } from '../crypto/random.ts';
import { globalWebSocketFactory, type WebSocketFactory, type WebSocketLike } from '../ports/websocket.ts';
import { exchangeOfUrl } from './exchange-of-url.ts';
import type { EgressRelay } from './relay-config.ts';
import { signEnvelope } from './relay-envelope.ts';

/** The relay's stream route: a WebSocket upgrade whose envelope is in the query (browsers' WebSocket sets no headers). */
export const RELAY_STREAM_PATH = '/v1/stream';

/** Query parameters of a stream envelope (method GET, no headers, empty body). */
export const RELAY_STREAM_PARAMS = { url: 'url', timestamp: 'ts', nonce: 'nonce', signature: 'sig' } as const;

export interface RelayWebSocketOptions {
  relays: readonly EgressRelay[];
  /** Opens the socket to the relay (or, for streams no relay serves, to the exchange). @default the global WebSocket */
  factory?: WebSocketFactory;
  /** The simulator's base URL (http), so its `/<exchange>` stream paths are recognised. @default none */
  exchangeBaseUrl?: string;
  /** @default Date.now */
  now?: () => number;
}

/** The relay URL that opens `target` through `relay`: ws(s)://relay/v1/stream?url=…&ts=…&nonce=…&sig=… */
export async function relayStreamUrl(relay: EgressRelay, target: string, timestamp: number): Promise<string> {
  const nonce = randomHex(16);
  const signature = await signEnvelope(relay.secret, {
    method: 'GET',
    url: target,
    headersJson: '{}',
    bodyDigest: await sha256Hex(''),
    timestamp,
    nonce,
  });
  const q = new URLSearchParams({
    [RELAY_STREAM_PARAMS.url]: target,
    [RELAY_STREAM_PARAMS.timestamp]: String(timestamp),
    [RELAY_STREAM_PARAMS.nonce]: nonce,
    [RELAY_STREAM_PARAMS.signature]: signature,
  });
  return `${relay.url.replace(/^http/i, 'ws')}${RELAY_STREAM_PATH}?${q}`;
}

/** Resolves when the socket is open; rejects when it errors or closes first. */
function opened(socket: WebSocketLike): Promise<WebSocketLike> {
  if (socket.readyState === 1) return Promise.resolve(socket);
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(socket));
    socket.addEventListener('error', () => reject(new TypeError('relay stream: the socket failed to open')));
    socket.addEventListener('close', () =>
      reject(new TypeError('relay stream: the socket closed before opening')),
    );
  });
}

/**
 * A WebSocketFactory that opens private streams through the egress relay serving their exchange, so the exchange
 * sees the relay's IP; it waits for the socket to open and moves to the next relay when one cannot be reached.
 * Streams no relay serves open direct.
 *
 * @example
 * const webSocketFactory = createRelayWebSocketFactory({ relays: parseEgressRelays(env.CTS_EGRESS_RELAYS) });
 */
export function createRelayWebSocketFactory(options: RelayWebSocketOptions): WebSocketFactory {
  const factory = options.factory ?? globalWebSocketFactory;
  const now = options.now ?? Date.now;
  const wsBase = options.exchangeBaseUrl?.replace(/^http/i, 'ws');
  return async (url) => {
    const exchange = exchangeOfUrl(url, wsBase);
    const relays = options.relays.filter((r) => exchange && (!r.exchanges || r.exchanges.includes(exchange)));
    if (relays.length === 0) return factory(url);
    let lastError: unknown;
    for (const relay of relays) {
      try {
        return await opened(await factory(await relayStreamUrl(relay, url, now())));
      } catch (err) {
        lastError = err;
      }
    }
    throw lastError;
  };
}
