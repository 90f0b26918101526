import type { SimAccount } from '../../accounts/account.ts';
import { hmacHex } from '../hmac.ts';
import { parsePairs } from '../http.ts';
import type { Verdict } from '../pipeline.ts';
import { sameText } from '../shared.ts';

/**
 * Pionex (reference §5.2): `timestamp` (ms) in the query, within ±20 s; prehash = METHOD + PATH + "?" +
 * query parameters sorted by key (ASCII) joined as k=v with & and values NOT URL-encoded, + the raw JSON
 * body for POST/DELETE; signature = HMAC-SHA256 hex.
 */
export async function verifyPionex(
  account: SimAccount,
  req: { method: string; path: string; query: string; body: string; signature: string | undefined },
  serverNow: number,
): Promise<Verdict> {
  const pairs = parsePairs(req.query);
  const ts = Number(pairs.find(([k]) => k === 'timestamp')?.[1] ?? Number.NaN);
  if (!Number.isFinite(ts) || Math.abs(serverNow - ts) > 20_000) return { reason: 'timestamp' };
  if (!req.signature) return { reason: 'bad_signature', detail: 'lost' };
  const sorted = pairs
    .slice()
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const withBody = req.method === 'POST' || req.method === 'DELETE' ? req.body : '';
  const expected = hmacHex(account.hmacSecret!, `${req.method}${req.path}?${sorted}${withBody}`);
  return sameText(expected, req.signature.toLowerCase()) ? {} : { reason: 'bad_signature' };
}
