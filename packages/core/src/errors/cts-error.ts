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
  /** Non-secret details for logs and API replies. */
  context?: Record<string, unknown>;
  cause?: unknown;
}

/** The one error base: a code of ours, retryability, a remediation hint and non-secret context. */
export class CtsError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly hint: string;
  readonly exchangeCode?: string | number;
  readonly status?: number;
  readonly retryAfterMs?: number;
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
    this.context = options.context ?? {};
  }

  /** The shape reported in test results and API replies. */
  toJSON(): {
    code: ErrorCode;
    message: string;
    exchangeCode?: string | number;
    hint: string;
    retryable: boolean;
  } {
    return {
      code: this.code,
      message: this.message,
      exchangeCode: this.exchangeCode,
      hint: this.hint,
      retryable: this.retryable,
    };
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
  if (
    err instanceof DOMException ||
    (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
  ) {
    const name = (err as Error).name;
    if (name === 'TimeoutError')
      return new CtsError('timeout', 'The exchange did not answer in time', { cause: err });
    return new CtsError('aborted', 'The request was cancelled', { cause: err });
  }
  if (err instanceof TypeError)
    return new CtsError('network', `Network error (${errorLabel(err)})`, { cause: err });
  return new CtsError('exchange', `Unexpected error (${errorLabel(err)})`, { cause: err });
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
