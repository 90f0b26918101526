import type { SimAccount } from '../../accounts/account.ts';
import { hmacHex } from '../hmac.ts';
import { parsePairs, safeDecode } from '../http.ts';
import type { Verdict } from '../pipeline.ts';
import { sameText } from '../shared.ts';

/**
 * BingX (reference §4.2): signature = HMAC-SHA256 hex over the `k=v&…` parameter string as sent (query,
 * then form body with no separator), without `signature`. The docs disagree on whether values are signed
 * encoded or raw, so both the string as sent and its percent-decoded form are accepted. Timestamp within
 * recvWindow (default 5000 ms) of server time, and at most 5 s ahead.
 */
export async function verifyBingx(
  account: SimAccount,
  query: string,
  body: string,
  serverNow: number,
): Promise<Verdict> {
  let signature: string | undefined;
  const keep = (raw: string) =>
    raw
      .split('&')
      .filter((part) => {
        if (!part.startsWith('signature=')) return part !== '';
        signature = part.slice(10);
        return false;
      })
      .join('&');
  const q = keep(query);
  const b = keep(body);
  const params = new Map([...parsePairs(q), ...parsePairs(b)]);
  const ts = Number(params.get('timestamp'));
  const recvWindow = params.has('recvWindow') ? Number(params.get('recvWindow')) : 5000;
  if (
    !Number.isFinite(ts) ||
    !Number.isFinite(recvWindow) ||
    ts > serverNow + 5000 ||
    serverNow - ts > recvWindow
  )
    return { reason: 'timestamp' };
  if (!signature) return { reason: 'bad_signature', detail: 'null' };
  const asSent = q + b;
  const expected = hmacHex(account.hmacSecret!, asSent);
  if (sameText(expected, signature.toLowerCase())) return {};
  const decoded = safeDecode(q) + safeDecode(b);
  if (decoded !== asSent && sameText(hmacHex(account.hmacSecret!, decoded), signature.toLowerCase()))
    return {};
  return { reason: 'bad_signature' };
}
