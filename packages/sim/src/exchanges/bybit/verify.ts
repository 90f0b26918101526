import { verifyAsymmetric } from '@cts/core/crypto';
import type { SimAccount } from '../../accounts/account.ts';
import type { RejectReason } from '../../stats.ts';
import { hmacHex } from '../hmac.ts';
import { parseMs, sameText } from '../shared.ts';

export interface BybitSigned {
  timestamp: string | undefined;
  recvWindow: string | undefined;
  sign: string | undefined;
  /** GET: the query string as sent; POST: the body as sent. */
  payload: string;
}

/**
 * Bybit V5 (reference §1.2): `server_time - recv_window <= timestamp < server_time + 1000`, then
 * sign = HMAC-SHA256(secret, timestamp + apiKey + recvWindow + payload) as lowercase hex, or
 * RSA-SHA256 base64 for self-generated RSA keys.
 */
export async function verifyBybit(
  account: SimAccount,
  req: BybitSigned,
  serverNow: number,
): Promise<{ reason?: RejectReason; detail?: string }> {
  const ts = parseMs(req.timestamp);
  const recv = req.recvWindow === undefined ? 5000 : parseMs(req.recvWindow);
  if (Number.isNaN(ts) || Number.isNaN(recv) || !(serverNow - recv <= ts && ts < serverNow + 1000))
    return {
      reason: 'timestamp',
      detail: `req_timestamp[${req.timestamp ?? ''}],server_timestamp[${serverNow}],recv_window[${req.recvWindow ?? 5000}]`,
    };
  if (!req.sign) return { reason: 'bad_signature' };
  const message = `${req.timestamp}${account.apiKey}${req.recvWindow ?? ''}${req.payload}`;
  if (account.keyType === 'rsa') {
    const ok = await verifyAsymmetric('rsa', account.publicKeyPem!, message, req.sign).catch(() => false);
    return ok ? {} : { reason: 'bad_signature' };
  }
  const expected = hmacHex(account.hmacSecret!, message);
  return sameText(expected, req.sign) ? {} : { reason: 'bad_signature' };
}
