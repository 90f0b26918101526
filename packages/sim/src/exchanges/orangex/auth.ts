import { toHex, utf8 } from '@cts/core/crypto';
import type { SimAccount } from '../../accounts/account.ts';
import type { SimDeps } from '../deps.ts';
import type { Identity } from '../dialect.ts';
import { hmacHex } from '../hmac.ts';
import type { Verdict } from '../pipeline.ts';
import { sameText } from '../shared.ts';

/** client_signature timestamps must be within this many ms of server time (our choice; not in the reference). */
export const SIGNATURE_WINDOW_MS = 30_000;

export type AuthParams = Record<string, unknown>;

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/** Who `/public/auth` is for: client_id for credentials/signature grants, the refresh token's owner otherwise. */
export function identifyAuth(deps: SimDeps, params: AuthParams, now: number): Identity {
  const grant = str(params.grant_type);
  if (grant === 'refresh_token') {
    const refresh = str(params.refresh_token);
    if (!refresh) return { presented: false };
    const accountId = deps.tokens.consumeRefresh(refresh, now);
    const account = accountId ? deps.accounts.byId(accountId) : undefined;
    return account ? { presented: true, account } : { presented: true, failure: 'bad_token' };
  }
  if (grant !== 'client_credentials' && grant !== 'client_signature')
    return { presented: true, failure: 'bad_request' };
  const clientId = str(params.client_id);
  if (!clientId) return { presented: false };
  const account = deps.accounts.byKey(clientId);
  return { presented: true, account: account?.exchange === 'orangex' ? account : undefined };
}

/**
 * client_credentials: the secret itself. client_signature (reference §6.2): source =
 * client_id + "\n" + timestamp + "\n" + nonce + "\n"; signature = hex of the ASCII bytes of
 * hex(HMAC-SHA256(secret, source)) — 128 characters.
 */
export async function verifyAuth(
  account: SimAccount,
  params: AuthParams,
  serverNow: number,
): Promise<Verdict> {
  const grant = str(params.grant_type);
  if (grant === 'refresh_token') return {};
  if (grant === 'client_credentials')
    return sameText(str(params.client_secret) ?? '', account.hmacSecret!) ? {} : { reason: 'bad_signature' };
  const timestamp = str(params.timestamp);
  const ts = timestamp && /^\d{1,17}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (Number.isNaN(ts) || Math.abs(serverNow - ts) > SIGNATURE_WINDOW_MS) return { reason: 'timestamp' };
  const nonce = str(params.nonce) ?? '';
  const inner = hmacHex(account.hmacSecret!, `${account.apiKey}\n${timestamp}\n${nonce}\n`);
  const expected = toHex(utf8.encode(inner));
  return sameText(expected, (str(params.signature) ?? '').toLowerCase()) ? {} : { reason: 'bad_signature' };
}

/** The `scope` string of an auth result, from the key's permissions (format per reference §6.2). */
export function scopeOf(account: SimAccount): string {
  const p = account.permissions;
  const own = p.read ? (p.trade ? 'read_write' : 'read') : 'none';
  const rw = (write: boolean) => (write ? 'read_write' : p.read ? 'read' : 'none');
  return `account:${own} trade:${rw(p.trade)} wallet:${rw(p.withdraw || p.transfer)}`;
}
