import type { SimAccount } from '../../accounts/account.ts';
import { hmacHex } from '../hmac.ts';
import { parsePairs, safeDecode } from '../http.ts';
import type { Verdict } from '../pipeline.ts';
import { sameText } from '../shared.ts';

/** The largest `recvWindow` BingX takes (official 2026 guide, reference 2026 §7). */
export const BINGX_MAX_RECV_WINDOW_MS = 5000;

/**
 * BingX (reference §4.2, 2026 §7): signature = HMAC-SHA256 hex over the parameters without `signature`.
 * Accepted: the `k=v&…` string as sent (query, then form body with no separator), its percent-decoded
 * form (the older docs disagree on encoded or raw values), and — the 2026 guide — every parameter sorted
 * in ASCII order by name with unencoded values (so a client that signs sorted but sends in another order
 * passes too). `recvWindow` at most 5000 (else 80014, message our choice — UNCONFIRMED); timestamp within
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
  if (recvWindow > BINGX_MAX_RECV_WINDOW_MS)
    return { reason: 'bad_request', detail: `recvWindow must be at most ${BINGX_MAX_RECV_WINDOW_MS}` };
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
  const sorted = [...params.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  if (sorted !== decoded && sameText(hmacHex(account.hmacSecret!, sorted), signature.toLowerCase()))
    return {};
  return { reason: 'bad_signature' };
}
