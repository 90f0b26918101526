import { isExpired, type SimAccount } from '../accounts/account.ts';
import type { RejectReason } from '../stats.ts';
import type { StreamDeps } from './stream-hub.ts';
import type { StreamRequest } from './stream-types.ts';

export type Admission =
  | { account: SimAccount; reason?: undefined }
  | { account?: SimAccount; reason: RejectReason };

/**
 * The checks every private stream makes before its signature check, in the REST pipeline's order: key known
 * for this exchange, same environment, not expired, IP whitelisted. Counts the attempt in the stats.
 */
export function admit(
  deps: StreamDeps,
  request: StreamRequest,
  apiKey: string | undefined,
  now: number,
): Admission {
  const found = apiKey ? deps.accounts.byKey(apiKey) : undefined;
  const account = found?.exchange === request.exchange ? found : undefined;
  const keyId = account?.id ?? (apiKey ? 'unknown' : 'anonymous');
  deps.stats.request(request.exchange, keyId);
  const reject = (reason: RejectReason): Admission => {
    deps.stats.rejected(request.exchange, keyId, reason);
    return { account, reason };
  };
  if (!apiKey) return reject('missing_auth');
  if (!account) return reject('bad_key');
  // Each region has its own key space: a key of another is unknown here.
  if (account.region !== request.region) return reject('bad_key');
  if (account.environment !== request.environment) return reject('wrong_environment');
  if (isExpired(account, now)) return reject('key_expired');
  if (account.ipWhitelist.length > 0 && !account.ipWhitelist.includes(request.ip)) return reject('ip');
  return { account };
}

/** Records the outcome of the signature check that follows `admit`. */
export function settle(
  deps: StreamDeps,
  request: StreamRequest,
  account: SimAccount,
  reason?: RejectReason,
): void {
  if (reason) deps.stats.rejected(request.exchange, account.id, reason);
  else deps.stats.accepted(request.exchange, account.id);
}
