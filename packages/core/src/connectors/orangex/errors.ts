import type { ErrorCode } from '../../errors/codes.ts';
import { CtsError } from '../../errors/cts-error.ts';

interface Mapping {
  code: ErrorCode;
  hint?: string;
}

/** OrangeX JSON-RPC error codes (reference 6.4; observed by third parties, UNCONFIRMED officially). */
const ORANGEX_CODES: Record<number, Mapping> = {
  10000: {
    code: 'auth.failed',
    hint: 'OrangeX rejected the authentication: check the client id (API key) and secret, and that the key is enabled.',
  },
  2033: {
    code: 'auth.permission',
    hint: "The key's scope does not allow this call: enable the needed scope (account read at least) on OrangeX.",
  },
  1000: {
    code: 'exchange',
    hint: 'OrangeX has no such method: check baseUrl points at the OrangeX JSON-RPC API.',
  },
  1001: { code: 'exchange', hint: 'OrangeX rejected the request as malformed: see its message.' },
  429: { code: 'rate_limited' },
};

/** The code OrangeX uses for "Authentication Failure" (also an expired or revoked access token). */
export const ORANGEX_AUTH_FAILURE = 10000;

/** The CtsError for a JSON-RPC `{error: {code, message}}`, keeping OrangeX's code and message. */
export function orangexError(
  exchangeCode: number,
  message: string,
  extra: { status?: number; retryAfterMs?: number } = {},
): CtsError {
  const mapping = ORANGEX_CODES[exchangeCode] ?? { code: 'exchange' as const };
  return new CtsError(mapping.code, `OrangeX ${exchangeCode}: ${message || 'no message'}`, {
    exchangeCode,
    hint: mapping.hint,
    status: extra.status,
    retryAfterMs: extra.retryAfterMs,
  });
}

/** The CtsError for an HTTP status OrangeX sent without a JSON-RPC error. */
export function orangexHttpError(status: number, retryAfterMs?: number): CtsError {
  if (status === 429)
    return new CtsError('rate_limited', 'OrangeX rate limit exceeded (HTTP 429)', { status, retryAfterMs });
  if (status >= 500)
    return new CtsError('exchange.unavailable', `OrangeX answered HTTP ${status}`, { status });
  if (status === 401)
    return new CtsError('auth.failed', 'OrangeX: authentication failed (HTTP 401)', { status });
  if (status === 403) return new CtsError('auth.permission', 'OrangeX: access denied (HTTP 403)', { status });
  return new CtsError('exchange', `OrangeX answered HTTP ${status}`, { status });
}
