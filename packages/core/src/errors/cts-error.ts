import { ERROR_CODES, type ErrorCode } from './codes.ts';

export interface CtsErrorOptions {
  /** Overrides the code's default retryability. */
  retryable?: boolean;
  /** Overrides the code's default remediation hint. */
  hint?: string;
  /** The exchange's own error code, as it sent it (number or string). */
  exchangeCode?: string | number;
  /** HTTP status of the exchange reply, when there was one. */
  status?: number;
  /** Milliseconds to wait before retrying, from Retry-After or a ban. */
  retryAfterMs?: number;
  /** Epoch ms until which the exchange banned the IP or account (Binance 418, Pionex, Bybit 403). */
  bannedUntil?: number;
  /** Non-secret details for logs and API replies. */
  context?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The one serialised shape of an error, written by CtsError.toJSON (serializeError) for the stored `last_error`, a
 * test result's and a batch task's error and the API body. Fields without a value are absent.
 */
export interface CtsErrorJson {
  code: ErrorCode;
  message: string;
  hint: string;
  retryable: boolean;
  exchangeCode?: string | number;
  status?: number;
  retryAfterMs?: number;
  bannedUntil?: number;
}

/**
 * The one error type from the connector to the HTTP body: a code of ours, retryability, a remediation hint, the
 * exchange's code and status, and how long the exchange asked us to wait (Retry-After, a ban's end).
 */
export class CtsError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly hint: string;
  readonly exchangeCode?: string | number;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly bannedUntil?: number;
  readonly context: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: CtsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CtsError';
    this.code = code;
    this.retryable = options.retryable ?? ERROR_CODES[code].retryable;
    this.hint = options.hint ?? ERROR_CODES[code].hint;
    this.exchangeCode = options.exchangeCode;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.bannedUntil = options.bannedUntil;
    this.context = options.context ?? {};
  }

  /** This error with some options replaced (code, message, cause and the rest kept). */
  with(patch: Omit<CtsErrorOptions, 'cause'>): CtsError {
    return new CtsError(this.code, this.message, {
      retryable: this.retryable,
      hint: this.hint,
      exchangeCode: this.exchangeCode,
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      bannedUntil: this.bannedUntil,
      context: this.context,
      cause: this.cause,
      ...patch,
    });
  }

  /** A CtsError from its serialised shape (a stored test result's error). */
  static fromJSON(json: Omit<CtsErrorJson, 'retryable'> & { retryable?: boolean }): CtsError {
    const { code, message, ...options } = json;
    return new CtsError(code in ERROR_CODES ? code : 'exchange', message, options);
  }

  /** The one serialised shape (see CtsErrorJson): test results, stored errors, task rows, API bodies. */
  toJSON(): CtsErrorJson {
    const json: CtsErrorJson = {
      code: this.code,
      message: this.message,
      hint: this.hint,
      retryable: this.retryable,
    };
    if (this.exchangeCode !== undefined) json.exchangeCode = this.exchangeCode;
    if (this.status !== undefined) json.status = this.status;
    if (this.retryAfterMs !== undefined) json.retryAfterMs = this.retryAfterMs;
    if (this.bannedUntil !== undefined) json.bannedUntil = this.bannedUntil;
    return json;
  }
}

/**
 * Wraps anything thrown into a CtsError (a CtsError passes through as-is). A runtime's own error text never
 * becomes the message: it can quote a header value (an API key or passphrase holding a control character), a URL
 * with a signature or a listenKey. The message is our fixed text with the error's class name and, for a network
 * failure, the system error code (ECONNREFUSED); the original stays only as `cause`, which is never serialised.
 */
export function toCtsError(err: unknown): CtsError {
  if (err instanceof CtsError) return err;
  const name = err instanceof Error || err instanceof DOMException ? (err as Error).name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    if (name === 'TimeoutError')
      return new CtsError('timeout', 'The exchange did not answer in time', { cause: err });
    return new CtsError('aborted', 'The request was cancelled', { cause: err });
  }
  // A network failure is converted where fetch or a socket fails (connectors/shared/http.ts, ws-connection.ts);
  // anything else that reaches here is a bug inside CTS (a TypeError in a normalizer): internal, never retried.
  return new CtsError('internal', `Internal error (${errorLabel(err)})`, { cause: err });
}

/** The one serialiser of anything thrown: toCtsError(err).toJSON(). */
export function serializeError(err: unknown): CtsErrorJson {
  return toCtsError(err).toJSON();
}

/** A network failure of fetch (DNS, refused, reset): `network`, with the class name and system code only. */
export function networkError(err: unknown, what = 'Network error'): CtsError {
  return new CtsError('network', `${what} (${errorLabel(err)})`, { cause: err });
}

/**
 * A safe one-word description of anything thrown, for messages and logs: a CtsError's code, else the error's class
 * name plus a system error code (`TypeError ECONNREFUSED`) when its cause carries one. Never the runtime's text.
 */
export function errorLabel(err: unknown): string {
  if (err instanceof CtsError) return err.code;
  if (!(err instanceof Error)) return typeof err;
  const name = /^[A-Za-z][\w$]{0,40}$/.test(err.name) ? err.name : 'Error';
  const code = systemCode(err) ?? systemCode(err.cause);
  return code ? `${name} ${code}` : name;
}

function systemCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z0-9_]{1,40}$/.test(code) ? code : undefined;
}

/**
 * Runtimes may quote the request URL in a network error; its query can hold a signature, a listenKey or a key.
 * Keeps scheme, host and path, drops every query string.
 */
export function withoutQueries(message: string): string {
  return message.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s'"?]*)\?[^\s'"]*/gi, '$1?…');
}
