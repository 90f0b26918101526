import type { SimAccount } from '../../accounts/account.ts';
import { hmacBase64 } from '../hmac.ts';
import type { Verdict } from '../pipeline.ts';
import { sameText } from '../shared.ts';

export interface OkxSigned {
  timestamp: string | undefined;
  sign: string | undefined;
  passphrase: string | undefined;
  method: string;
  /** Path with `?query` as sent. */
  requestPath: string;
  body: string;
}

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * OKX V5 (reference §3.2): ISO-8601 ms timestamp within ±30 s, passphrase as set at creation, then
 * sign = base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + body)).
 */
export async function verifyOkx(account: SimAccount, req: OkxSigned, serverNow: number): Promise<Verdict> {
  if (!req.sign)
    return { reason: 'missing_auth', detail: '50106:Request header OK-ACCESS-SIGN cannot be empty.' };
  if (!req.timestamp)
    return { reason: 'missing_auth', detail: '50107:Request header OK-ACCESS-TIMESTAMP cannot be empty.' };
  if (!req.passphrase)
    return { reason: 'missing_auth', detail: '50104:Request header OK-ACCESS-PASSPHRASE cannot be empty.' };
  const ts = ISO_MS.test(req.timestamp) ? Date.parse(req.timestamp) : Number.NaN;
  if (Number.isNaN(ts)) return { reason: 'timestamp', detail: '50112:Invalid OK-ACCESS-TIMESTAMP.' };
  if (Math.abs(serverNow - ts) > 30_000)
    return { reason: 'timestamp', detail: '50102:Timestamp request expired.' };
  if (req.passphrase !== account.passphrase) return { reason: 'bad_passphrase' };
  const expected = hmacBase64(
    account.hmacSecret!,
    `${req.timestamp}${req.method.toUpperCase()}${req.requestPath}${req.body}`,
  );
  return sameText(expected, req.sign) ? {} : { reason: 'bad_signature' };
}
