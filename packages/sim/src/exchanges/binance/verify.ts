import { verifyAsymmetric } from '@cts/core/crypto';
import type { SimAccount } from '../../accounts/account.ts';
import { hmacHex } from '../hmac.ts';
import { parsePairs, safeDecode } from '../http.ts';
import type { Verdict } from '../pipeline.ts';

/** Removes the `signature=` parameter from a raw `k=v&…` string, keeping the rest exactly as sent. */
function strip(raw: string): { rest: string; signature?: string } {
  if (!raw) return { rest: '' };
  let signature: string | undefined;
  const kept: string[] = [];
  for (const part of raw.split('&')) {
    if (part.startsWith('signature=')) signature = part.slice(10);
    else kept.push(part);
  }
  return { rest: kept.join('&'), signature };
}

/**
 * Binance REST (reference §2.2): payload = query string + form body, as sent, without the `signature`
 * parameter; HMAC-SHA256 hex (case-insensitive), or RSA/Ed25519 base64 percent-encoded. Timing:
 * `timestamp < serverTime + 1000` and `serverTime - timestamp <= recvWindow` (default 5000, max 60000), so
 * also the 2024-12-09 limits (no timestamp 10 s ahead or before 2017). A payload with a raw non-ASCII byte
 * fails (-1022): Binance signs the percent-encoded string.
 */
export async function verifyBinance(
  account: SimAccount,
  query: string,
  body: string,
  serverNow: number,
): Promise<Verdict> {
  const q = strip(query);
  const b = strip(body);
  const params = new Map([...parsePairs(q.rest), ...parsePairs(b.rest)]);
  const rawTs = params.get('timestamp');
  if (!rawTs || !/^\d{1,17}$/.test(rawTs))
    return {
      reason: 'bad_request',
      detail: "-1102:Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.",
    };
  const rawRecv = params.get('recvWindow');
  const recvWindow = rawRecv === undefined ? 5000 : Number(rawRecv);
  if (!Number.isFinite(recvWindow) || recvWindow <= 0 || recvWindow > 60_000)
    return { reason: 'bad_request', detail: '-1131:recvWindow must be less than 60000' };
  let ts = Number(rawTs);
  if (rawTs.length >= 16) ts /= 1000; // microseconds
  if (ts >= serverNow + 1000)
    return {
      reason: 'timestamp',
      detail: "Timestamp for this request was 1000ms ahead of the server's time.",
    };
  if (serverNow - ts > recvWindow)
    return { reason: 'timestamp', detail: 'Timestamp for this request is outside of the recvWindow.' };
  const signature = q.signature ?? b.signature;
  if (!signature)
    return {
      reason: 'bad_request',
      detail: "-1102:Mandatory parameter 'signature' was not sent, was empty/null, or malformed.",
    };
  const payload = q.rest + b.rest;
  // Non-ASCII must be percent-encoded before signing (strict since 2026-01-15, reference 2026 §4): a raw
  // non-ASCII byte in what was sent (a form body can carry one) is never a valid payload.
  if (/[\u0080-\uffff]/.test(payload)) return { reason: 'bad_signature' };
  if (account.keyType === 'hmac') {
    const expected = hmacHex(account.hmacSecret!, payload);
    return expected === signature.toLowerCase() ? {} : { reason: 'bad_signature' };
  }
  const ok = await verifyAsymmetric(
    account.keyType,
    account.publicKeyPem!,
    payload,
    safeDecode(signature),
  ).catch(() => false);
  return ok ? {} : { reason: 'bad_signature' };
}
