import type { ErrorCode } from '../../errors/codes.ts';
import type { Balance, CallOptions, Permissions } from '../types.ts';
import type { HttpContext } from './http.ts';
import type { ResolvedOptions } from './options.ts';

/** What one exchange's REST protocol is built from (one account: options, HTTP context, signing clock). */
export interface RestContext {
  options: ResolvedOptions;
  /**
   * The HTTP context every request goes through (limiter, retries, error mapping, timeouts); a method's
   * `call` is added with `forCall(http, call)`.
   */
  http: HttpContext;
  /** The REST base URL of the account's environment and region (`futures`: Binance's USDⓈ-M host). */
  baseUrl(product?: 'default' | 'futures'): string;
  /** The timestamp to sign with now: local time plus the offset the last clock sync measured, in ms. */
  timestamp(): number;
}

/**
 * How one exchange's REST API is signed and read, for one account: the engine (createRestConnector) adds the
 * rest every connector shares — option checks, the signing clock and its sync, the connection test.
 */
export interface RestProtocol {
  /** The base URL the clock offset is measured against (the shared offset cache's key). */
  clockHost: string;
  /** The exchange's time in epoch ms (one request). */
  serverTime(call?: CallOptions): Promise<number>;
  /** The balance of the account the API type reads. */
  balance(call?: CallOptions): Promise<Balance>;
  /** What the key may do. */
  permissions(call?: CallOptions): Promise<Permissions>;
}

/** One exchange code's meaning: our code, and a hint where ours would mislead. */
export interface ErrorMapping {
  code: ErrorCode;
  hint?: string;
}

/** An exchange's error codes (its own code → ours), as its error mapper reads them. */
export type ErrorTable = Readonly<Record<string | number, ErrorMapping>>;
