import type { ErrorCode } from '../../errors/codes.ts';
import { CtsError } from '../../errors/cts-error.ts';

interface Mapping {
  code: ErrorCode;
  hint?: string;
}

/** Pionex string codes (PX-OAS `openapi.yaml`) mapped to ours. */
export const PIONEX_ERROR_CODES: Record<string, Mapping> = {
  APIKEY_LOST: { code: 'auth.invalid_key', hint: 'Pionex received no API key (PIONEX-KEY header missing).' },
  SIGNATURE_LOST: {
    code: 'auth.invalid_signature',
    hint: 'Pionex received no signature (PIONEX-SIGNATURE header missing).',
  },
  IP_NOT_WHITELISTED: {
    code: 'auth.ip_not_allowed',
    hint: "This machine's IP is not on the key's whitelist: add it in Pionex API management.",
  },
  INVALID_APIKEY: {
    code: 'auth.invalid_key',
    hint: 'Pionex does not know this API key: check it, or create a new one in Pionex API management.',
  },
  INVALID_SIGNATURE: {
    code: 'auth.invalid_signature',
    hint: 'Pionex could not verify the signature: check the API secret.',
  },
  APIKEY_EXPIRED: { code: 'auth.key_expired', hint: 'The Pionex API key has expired: create a new one.' },
  INVALID_TIMESTAMP: {
    code: 'auth.timestamp',
    hint: "The timestamp was more than 20 s off Pionex's clock: sync this machine's clock (NTP).",
  },
  PERMISSION_DENIED: {
    code: 'auth.permission',
    hint: 'The key lacks the permission this call needs: enable "reading" for the key in Pionex API management.',
  },
};

/** The CtsError for a Pionex `{result: false, code, message}` reply, keeping Pionex's code and message. */
export function pionexError(
  exchangeCode: string,
  message: string,
  extra: { status?: number } = {},
): CtsError {
  const mapping = PIONEX_ERROR_CODES[exchangeCode] ?? { code: 'exchange' as const };
  return new CtsError(mapping.code, `Pionex ${exchangeCode}: ${message || 'no message'}`, {
    exchangeCode,
    hint: mapping.hint,
    status: extra.status,
  });
}

/** The CtsError for an HTTP status Pionex sent without a body code. */
export function pionexHttpError(status: number, retryAfterMs?: number): CtsError {
  if (status === 429)
    return new CtsError(
      'banned',
      'Pionex rate limit exceeded (HTTP 429): the IP or account is banned for 60 s',
      {
        status,
        retryAfterMs,
        hint: 'Pionex bans for 60 s after a limit hit, and adds 10 s for each request sent during the ban: wait it out.',
      },
    );
  if (status >= 500)
    return new CtsError('exchange.unavailable', `Pionex answered HTTP ${status}`, { status });
  if (status === 401)
    return new CtsError('auth.failed', 'Pionex: authentication failed (HTTP 401)', { status });
  return new CtsError('exchange', `Pionex answered HTTP ${status}`, { status });
}
