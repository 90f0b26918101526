import type { ErrorCode } from '../../errors/codes.ts';
import { CtsError } from '../../errors/cts-error.ts';

/**
 * OKX V5 REST error codes we map (OKX docs "Error Code — REST API — Public"; 50001/50004/50026 also from ccxt's
 * okx exception table), with hints where ours would mislead.
 */
export const OKX_ERROR_CODES: Record<string, { code: ErrorCode; hint?: string }> = {
  '50001': { code: 'exchange.unavailable' },
  '50004': { code: 'timeout' },
  '50011': { code: 'rate_limited' },
  '50013': { code: 'rate_limited', hint: 'OKX systems are busy: retry later at a lower rate.' },
  '50026': { code: 'exchange.unavailable' },
  '50030': { code: 'auth.permission' },
  '50035': { code: 'auth.permission', hint: 'This OKX endpoint needs a key bound to an IP whitelist.' },
  '50061': { code: 'rate_limited' },
  '50100': {
    code: 'auth.failed',
    hint: 'The OKX API key is frozen: contact OKX support or create a new key.',
  },
  '50101': {
    code: 'auth.wrong_environment',
    hint: 'The key does not match this environment: demo-trading keys only work with is_testnet (demo), live keys only on mainnet.',
  },
  '50102': { code: 'auth.timestamp' },
  '50103': { code: 'auth.failed', hint: 'OKX says an authentication header is missing (OK-ACCESS-KEY).' },
  '50104': {
    code: 'auth.failed',
    hint: 'OKX says an authentication header is missing (OK-ACCESS-PASSPHRASE).',
  },
  '50105': { code: 'auth.passphrase' },
  '50106': { code: 'auth.failed', hint: 'OKX says an authentication header is missing (OK-ACCESS-SIGN).' },
  '50107': {
    code: 'auth.failed',
    hint: 'OKX says an authentication header is missing (OK-ACCESS-TIMESTAMP).',
  },
  '50110': { code: 'auth.ip_not_allowed' },
  '50111': { code: 'auth.invalid_key' },
  '50112': { code: 'auth.timestamp' },
  '50113': { code: 'auth.invalid_signature' },
  '50114': { code: 'auth.failed' },
  '50119': { code: 'auth.invalid_key', hint: 'This OKX API key does not exist: it may have been deleted.' },
  '50120': { code: 'auth.permission' },
};

/** Codes that mean "too many requests", for limiter feedback. */
export const OKX_RATE_CODES: readonly string[] = ['50011', '50013', '50061'];

/**
 * Maps an OKX error reply to a CtsError keeping OKX's code and msg: the envelope's code first (OKX sends 401
 * with a code for auth failures), then HTTP 429 and 5xx.
 */
export function mapOkxError(reply: {
  status: number;
  code?: string;
  msg?: string;
  retryAfterMs?: number;
}): CtsError {
  const { status, code, retryAfterMs } = reply;
  const msg = reply.msg || `HTTP ${status}`;
  const message = `OKX: ${msg}${code !== undefined ? ` (${code})` : ''}`;
  const base = { exchangeCode: code, status };
  if (status >= 500) return new CtsError('exchange.unavailable', message, base);
  const known = code !== undefined ? OKX_ERROR_CODES[code] : undefined;
  if (known) return new CtsError(known.code, message, { ...base, hint: known.hint, retryAfterMs });
  if (status === 429) return new CtsError('rate_limited', message, { ...base, retryAfterMs });
  if (status === 401) return new CtsError('auth.failed', message, base);
  return new CtsError('exchange', message, base);
}
