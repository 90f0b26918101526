import type { Environment, ExchangeId, Region } from '@cts/core/exchanges';

/** The server end of one WebSocket, as a session sees it (the Node adapter implements it over `ws`). */
export interface SimSocket {
  send(data: string | Uint8Array): void;
  /** A protocol-level ping frame (Binance); the client's WebSocket answers with a pong by itself. */
  ping(): void;
  close(code: number, reason: string): void;
  /** Set by the adapter: the session's last words before a server restart closes it (`StreamSession.shutdown`). */
  onShutdown?: () => void;
}

/** One private-stream connection's server logic. */
export interface StreamSession {
  message(text: string): void | Promise<void>;
  /** A protocol-level pong arrived. */
  pong(): void;
  /** The socket closed (either side): stop timers. */
  closed(): void;
  /** The server is about to restart and close this socket: Binance's WS API sends `serverShutdown` first. */
  shutdown?(): void;
}

export interface StreamRequest {
  url: URL;
  ip: string;
  exchange: ExchangeId;
  environment: Environment;
  /** The region of the prefix (`/okx-eea`); 'global' by default. */
  region: Region;
}

/**
 * Starts a session on an accepted socket. `refuse`, when present, is asked first: an HTTP status refuses
 * the upgrade (Binance USDⓈ-M: an unknown listenKey in the path).
 */
export type StreamOpener = ((socket: SimSocket, request: StreamRequest) => StreamSession) & {
  refuse?: (request: StreamRequest) => number | undefined;
};
