import type { ErrorCode } from '../../errors/codes.ts';
import { CtsError } from '../../errors/cts-error.ts';

interface Mapping {
  code: ErrorCode;
  hint?: string;
}

/** OrangeX JSON-RPC error codes (reference 6.4; observed by third parties, UNCONFIRMED officially). */
export const ORANGEX_ERROR_CODES: Record<number, Mapping> = {
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

/**
 * OrangeX answers 10000 for every credential problem; its message says which (messages undocumented: these
 * patterns follow the observed "Authentication Failure: <why>" form). The first match wins; no match stays
 * auth.failed with the 10000 hint above. Each refined code carries its own hint (errors/codes.ts).
 */
const AUTH_FAILURE_REASONS: ReadonlyArray<readonly [RegExp, ErrorCode]> = [
  [/timestamp/i, 'auth.timestamp'],
  [/signature|secret/i, 'auth.invalid_signature'],
  [/client_id/i, 'auth.invalid_key'],
  [/key expired/i, 'auth.key_expired'],
  [/\bIP\b.*not allowed|whitelist/i, 'auth.ip_not_allowed'],
];

function mappingOf(exchangeCode: number, message: string): Mapping {
  if (exchangeCode === ORANGEX_AUTH_FAILURE)
    for (const [pattern, code] of AUTH_FAILURE_REASONS) if (pattern.test(message)) return { code };
  return ORANGEX_ERROR_CODES[exchangeCode] ?? { code: 'exchange' };
}

/**
 * The CtsError for a JSON-RPC `{error: {code, message}}` (HTTP replies and stream frames alike), keeping OrangeX's
 * code and message; 10000 is refined by its message (timestamp, signature/secret, client_id, key expired, IP).
 */
export function orangexError(
  exchangeCode: number,
  message: string,
  extra: { status?: number; retryAfterMs?: number } = {},
): CtsError {
  const mapping = mappingOf(exchangeCode, message);
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
