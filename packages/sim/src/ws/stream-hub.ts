import {
  DEFAULT_REGION,
  type Environment,
  EXCHANGES,
  type ExchangeId,
  hasEnvironment,
  hasRegion,
  isRegion,
} from '@cts/core/exchanges';
import type { SimDeps } from '../exchanges/deps.ts';
import { ListenKeyStore } from './listen-keys.ts';
import type { SimSocket, StreamOpener, StreamRequest } from './stream-types.ts';

/** What a stream session needs: the simulator's deps plus the listenKeys. */
export interface StreamDeps extends SimDeps {
  listenKeys: ListenKeyStore;
}

/** Each exchange's private stream paths → session opener. */
export type StreamRoutes = Record<ExchangeId, Record<string, (deps: StreamDeps) => StreamOpener>>;

/**
 * Routes WebSocket upgrades by URL, like REST: `/<exchange>[-<environment>]/<real path>`, and tracks open
 * sockets. Web-standard: the Node server adapter (node-upgrade.ts) feeds it sockets.
 */
export class StreamHub {
  readonly deps: StreamDeps;
  readonly #openers = new Map<string, StreamOpener>();
  readonly #sockets = new Set<SimSocket>();
  #accepted = 0;

  constructor(deps: SimDeps, routes: StreamRoutes, listenKeys = new ListenKeyStore()) {
    this.deps = { ...deps, listenKeys };
    for (const exchange of EXCHANGES)
      for (const [path, make] of Object.entries(routes[exchange]))
        this.#openers.set(`${exchange} ${path}`, make(this.deps));
  }

  get listenKeys(): ListenKeyStore {
    return this.deps.listenKeys;
  }

  /**
   * The session opener and request for an upgrade URL; a status to refuse it with; undefined → 404.
   * A route ending in `/*` matches any one-segment tail (`/private/ws/<listenKey>`).
   */
  route(
    url: URL,
    ip: string,
  ): { opener: StreamOpener; request: StreamRequest } | { refuse: number } | undefined {
    const match = /^\/([a-z]+)(?:-(testnet|demo))?(?:-([a-z]+))?(\/.*)$/.exec(url.pathname);
    if (!match) return undefined;
    const exchange = match[1] as ExchangeId;
    const environment = (match[2] ?? 'mainnet') as Environment;
    const region = match[3] ?? DEFAULT_REGION;
    if (!(EXCHANGES as readonly string[]).includes(exchange) || !hasEnvironment(exchange, environment))
      return undefined;
    if (!isRegion(region) || (region !== DEFAULT_REGION && !hasRegion(exchange, environment, region)))
      return undefined;
    const path = match[4]!;
    const opener =
      this.#openers.get(`${exchange} ${path}`) ??
      this.#openers.get(`${exchange} ${path.slice(0, path.lastIndexOf('/'))}/*`);
    if (!opener) return undefined;
    const request: StreamRequest = { url, ip, exchange, environment, region };
    const refuse = opener.refuse?.(request);
    return refuse ? { refuse } : { opener, request };
  }

  /** Called by the adapter for every accepted socket; returns the untrack function. */
  track(socket: SimSocket): () => void {
    this.#sockets.add(socket);
    this.#accepted++;
    return () => this.#sockets.delete(socket);
  }

  /** Open sockets now, and sockets accepted since the start. */
  counts(): { open: number; accepted: number } {
    return { open: this.#sockets.size, accepted: this.#accepted };
  }

  /** Closes every open socket (a server restart, for reconnect tests). */
  closeAll(code = 1012, reason = 'service restart'): void {
    for (const socket of this.#sockets) {
      socket.onShutdown?.();
      socket.close(code, reason);
    }
  }
}
