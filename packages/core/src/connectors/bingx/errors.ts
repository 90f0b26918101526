import type { ErrorCode } from '../../errors/codes.ts';
import { CtsError } from '../../errors/cts-error.ts';

interface Mapping {
  code: ErrorCode;
  hint?: string;
}

/** BingX business codes (reference 4.4, BX-V3 "Common Error Codes") mapped to ours. */
export const BINGX_ERROR_CODES: Record<number, Mapping> = {
  100001: {
    code: 'auth.invalid_signature',
    hint: 'BingX could not verify the signature: check the API secret (copy it again from BingX API management).',
  },
  100412: {
    code: 'auth.invalid_signature',
    hint: 'BingX received no signature: the request was not signed.',
  },
  100413: {
    code: 'auth.invalid_key',
    hint: 'BingX does not know this API key: check it, and that it belongs to this environment (mainnet vs VST demo).',
  },
  100421: { code: 'auth.timestamp' },
  100419: {
    code: 'auth.ip_not_allowed',
    hint: "This machine's IP is not on the key's whitelist: add it under BingX API management.",
  },
  100004: {
    code: 'auth.permission',
    hint: 'The key was created without the permission this call needs: enable reading in BingX API management.',
  },
  100410: { code: 'rate_limited' },
  100500: { code: 'exchange.unavailable' },
  80014: { code: 'exchange', hint: 'BingX rejected a parameter as invalid: see its message.' },
};

/** BingX reuses 100421 for "This pair is currently restricted from API trading" (ccxt's notes): not a clock error. */
const PAIR_RESTRICTED = /restricted/i;

/** The CtsError for a BingX error reply, keeping BingX's code and message. */
export function bingxError(
  exchangeCode: number,
  msg: string,
  extra: { status?: number; retryAfterMs?: number } = {},
): CtsError {
  let mapping = BINGX_ERROR_CODES[exchangeCode] ?? { code: 'exchange' as const };
  if (exchangeCode === 100421 && PAIR_RESTRICTED.test(msg))
    mapping = { code: 'exchange', hint: 'BingX restricts API trading on this pair.' };
  return new CtsError(mapping.code, `BingX ${exchangeCode}: ${msg || 'no message'}`, {
    exchangeCode,
    hint: mapping.hint,
    status: extra.status,
    retryAfterMs: extra.retryAfterMs,
  });
}

/** The CtsError for an HTTP status BingX sent without a business code. */
export function bingxHttpError(status: number, retryAfterMs?: number): CtsError {
  if (status === 418)
    return new CtsError('banned', 'BingX banned this IP after requests continued past HTTP 429 (HTTP 418)', {
      status,
      retryAfterMs,
    });
  if (status === 429)
    return new CtsError('rate_limited', 'BingX rate limit exceeded (HTTP 429)', { status, retryAfterMs });
  if (status >= 500) return new CtsError('exchange.unavailable', `BingX answered HTTP ${status}`, { status });
  if (status === 401)
    return new CtsError('auth.invalid_key', 'BingX: invalid API key (HTTP 401)', { status });
  if (status === 403)
    return new CtsError('auth.permission', 'BingX: access to this resource is forbidden (HTTP 403)', {
      status,
    });
  return new CtsError('exchange', `BingX answered HTTP ${status}`, { status });
}
