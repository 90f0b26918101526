import type { ErrorCode } from '../../errors/codes.ts';
import { CtsError } from '../../errors/cts-error.ts';

/** Bybit's IP ban after breaching 600 requests / 5 s: HTTP 403 "access too frequent", wait at least 10 min. */
export const BYBIT_IP_BAN_MS = 10 * 60_000;

/** Bybit V5 retCodes we map (bybit-exchange/docs v5 error.mdx), with hints where ours would mislead. */
export const BYBIT_ERROR_CODES: Record<number, { code: ErrorCode; hint?: string }> = {
  10002: { code: 'auth.timestamp' },
  10003: {
    code: 'auth.invalid_key',
    hint:
      'Bybit does not know this API key here. Keys only work in the environment they were created in ' +
      '(mainnet, testnet, demo): check is_testnet, or the key may be mistyped or deleted.',
  },
  10004: { code: 'auth.invalid_signature' },
  10005: { code: 'auth.permission' },
  10006: { code: 'rate_limited' },
  10007: { code: 'auth.failed' },
  10010: { code: 'auth.ip_not_allowed' },
  10018: { code: 'rate_limited', hint: 'Bybit IP rate limit reached: lower the request rate from this IP.' },
  10016: { code: 'exchange.unavailable' },
  10028: {
    code: 'not_supported',
    hint: 'This endpoint is only for Unified Trading Accounts: upgrade the Bybit account to UTA.',
  },
  33004: { code: 'auth.key_expired' },
  [-2015]: { code: 'auth.key_expired' },
};

/**
 * Maps a Bybit error reply to a CtsError keeping Bybit's retCode and retMsg. HTTP status decides first
 * (403 ban, 429, 5xx, 401), then the envelope's retCode.
 */
export function mapBybitError(reply: {
  status: number;
  retCode?: number;
  retMsg?: string;
  text?: string;
  retryAfterMs?: number;
}): CtsError {
  const { status, retCode, retryAfterMs } = reply;
  const msg = reply.retMsg || `HTTP ${status}`;
  const message = `Bybit: ${msg}${retCode !== undefined ? ` (${retCode})` : ''}`;
  const base = { exchangeCode: retCode, status };
  if (status === 403 && retCode === undefined) {
    if (/frequen/i.test(reply.text ?? ''))
      return new CtsError('banned', `Bybit: access too frequent (HTTP 403)`, {
        ...base,
        retryAfterMs: BYBIT_IP_BAN_MS,
        hint: 'Bybit banned this IP for breaching 600 requests / 5 s: stop all sessions and wait at least 10 minutes.',
      });
    return new CtsError('exchange', message, {
      ...base,
      hint: 'Bybit refused the request (HTTP 403): an IP rate-limit ban, a GET with a body, or a blocked region.',
    });
  }
  if (status === 429 && retCode === undefined)
    return new CtsError('rate_limited', message, { ...base, retryAfterMs });
  if (status >= 500) return new CtsError('exchange.unavailable', message, base);
  const known = retCode !== undefined ? BYBIT_ERROR_CODES[retCode] : undefined;
  if (known) return new CtsError(known.code, message, { ...base, hint: known.hint, retryAfterMs });
  if (status === 401)
    return new CtsError('auth.failed', message, {
      ...base,
      hint: 'Bybit rejected the request as unauthenticated (HTTP 401): check the API key.',
    });
  return new CtsError('exchange', message, base);
}
