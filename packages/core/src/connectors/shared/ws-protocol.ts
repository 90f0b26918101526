import type { CtsError } from '../../errors/cts-error.ts';
import type { Balance } from '../types.ts';
import type { HttpContext } from './http.ts';
import type { ResolvedOptions } from './options.ts';
import type { CloseInfo, FrameDecoder } from './ws-connection.ts';

/** What one frame of a private stream means. */
export type StreamEvent =
  | { kind: 'authenticated'; detail?: string }
  | { kind: 'subscribed'; detail?: string }
  | { kind: 'balance'; balance: Balance | null; detail: string }
  /** A server ping (`reply` is the answer to send) or the pong to our ping (no `reply`). */
  | { kind: 'heartbeat'; reply?: string }
  | { kind: 'error'; error: CtsError }
  | { kind: 'other' };

/** One connection attempt's URL and messages, signed with a fresh timestamp. */
export interface StreamPlan {
  url: string;
  /** The URL for logs: listenKeys and signatures cut. */
  safeUrl: string;
  /** @default UTF-8 text */
  decode?: FrameDecoder;
  /** Sent right after opening to log in; null when the URL itself authenticates (listenKey, signed URL). */
  login: string | null;
  /** The server says nothing until an account event: an open socket is the confirmation (Binance USDⓈ-M). */
  confirmedOnOpen?: boolean;
  /** Subscribes to the balance/account channel; null when the exchange pushes account data unasked. */
  subscribe: string | null;
  /**
   * Extends the listenKey's validity (PUT), where there is one. `send` writes to the open connection (Binance
   * margin subscribes again with a renewed listenToken).
   */
  keepAlive?: (send?: (text: string) => void) => Promise<void>;
  /** Closes the listenKey (DELETE), where there is one. */
  release?: () => Promise<void>;
}

/** How one exchange's private stream is authenticated and read. */
export interface StreamProtocol {
  /** 'Bybit private stream' */
  label: string;
  /** Builds the plan: may call REST first (listenKey). `step` adds to the test log. */
  prepare(step: (text: string) => void): Promise<StreamPlan>;
  /** Classifies a text frame. */
  read(text: string): StreamEvent;
  /** The error for a close the client did not ask for. */
  closeError(info: CloseInfo): CtsError;
  /** Client heartbeat text (Bybit `{"op":"ping"}`, OKX `ping`); null when the server pings. */
  ping: string | null;
  /** How often the client pings. */
  pingIntervalMs: number;
  /** Silence after which the connection counts as dead when the server is the one pinging; null: none visible. */
  serverSilenceMs: number | null;
  /** Whether the exchange pushes a balance right after subscribing (then the test waits for it). */
  balanceOnSubscribe: boolean;
  /** How the server heartbeats, for the log. */
  heartbeatNote: string;
}

/** What an exchange's stream protocol is built from. */
export interface StreamContext {
  options: ResolvedOptions;
  /** The connector's HTTP context (listenKey calls go through the same limiter and error mapping). */
  http: HttpContext;
  /** Epoch ms corrected by the connector's clock offset. */
  now(): number;
}
