import type { ErrorCode } from '../../errors/codes.ts';
import { CtsError } from '../../errors/cts-error.ts';

/** Binance error codes we map, with a hint where ours would mislead. Source: binance-spot-api-docs errors.md. */
export const BINANCE_ERROR_CODES: Record<number, { code: ErrorCode; hint?: string }> = {
  [-1002]: {
    code: 'auth.failed',
    hint: 'Binance says this request is not authorized: check the key and its permissions.',
  },
  [-1003]: { code: 'rate_limited' },
  // "Timeout waiting for response from backend server. Send status unknown; execution status unknown."
  [-1007]: {
    code: 'timeout',
    hint: 'Binance timed out waiting for its own backend (-1007): the outcome is unknown, not a failure of the key. Check the result (e.g. open orders) before retrying anything that writes.',
  },
  [-1011]: {
    code: 'auth.ip_not_allowed',
    hint: "This IP may not access this route: add it to the key's IP whitelist.",
  },
  [-1021]: { code: 'auth.timestamp' },
  [-1022]: {
    code: 'auth.invalid_signature',
    hint: 'Binance could not verify the signature: check the API secret (or private key) and the key type (HMAC, RSA, Ed25519).',
  },
  [-2014]: {
    code: 'auth.invalid_key',
    hint: 'The API key format is invalid: copy the key again, without spaces.',
  },
  [-2015]: {
    code: 'auth.failed',
    hint:
      'Binance -2015 means one of: the API key is invalid or belongs to another environment (mainnet, testnet, demo), ' +
      "this IP is not on the key's whitelist, or the key lacks the permission this endpoint needs (reading, futures, margin).",
  },
};

/** "Way too many requests; IP(1.2.3.4) banned until 1700000000000." → the epoch ms, if present. */
export function bannedUntilFromMessage(message: string): number | undefined {
  const match = /banned until (\d{10,})/i.exec(message);
  return match ? Number(match[1]) : undefined;
}

/**
 * Maps a Binance error reply to a CtsError keeping Binance's code and message. HTTP 418 → banned,
 * 429 → rate_limited, 5xx → exchange.unavailable, then the body's `code`.
 */
export function mapBinanceError(
  reply: { status: number; code?: number; msg?: string },
  now: number,
  retryAfterMs?: number,
): CtsError {
  const { status, code } = reply;
  const msg = reply.msg ?? `HTTP ${status}`;
  const base = { exchangeCode: code, status };
  const message = `Binance: ${msg}${code !== undefined ? ` (${code})` : ''}`;
  const bannedUntil = bannedUntilFromMessage(msg);
  if (status === 418 || bannedUntil !== undefined) {
    const wait = bannedUntil !== undefined ? Math.max(0, bannedUntil - now) : retryAfterMs;
    return new CtsError('banned', message, { ...base, retryAfterMs: wait });
  }
  if (status === 429) return new CtsError('rate_limited', message, { ...base, retryAfterMs });
  if (status >= 500) return new CtsError('exchange.unavailable', message, base);
  const known = code !== undefined ? BINANCE_ERROR_CODES[code] : undefined;
  if (known) return new CtsError(known.code, message, { ...base, hint: known.hint, retryAfterMs });
  if (status === 403)
    return new CtsError('exchange', message, {
      ...base,
      hint: "Binance's web application firewall refused the request (HTTP 403): check the request and the egress IP.",
    });
  if (status === 401) return new CtsError('auth.failed', message, base);
  return new CtsError('exchange', message, base);
}
