import type { SimAccount } from '../../accounts/account.ts';
import { admit, settle } from '../../ws/admit.ts';
import type { StreamDeps } from '../../ws/stream-hub.ts';
import type { StreamRequest } from '../../ws/stream-types.ts';
import { failure, verifyWsParams, type WsParams, type WsReply, wsTimestampOk } from './ws-api-verify.ts';

/** What `handle` answers: the reply, and whether it revokes the session (then its `id` is null). */
export interface SessionAnswer {
  reply: WsReply;
  revoked?: boolean;
}

/**
 * One WS API connection's session authentication (BN-SPOT web-socket-api.md "Session Authentication"):
 * `session.logon` {apiKey, timestamp, signature[, recvWindow]} with an **Ed25519 key only**; then requests
 * without `apiKey`/`signature` act for that key (`userDataStream.subscribe`, `account.status` with a
 * `timestamp`); `session.status`; `session.logout` (ends the `userDataStream.subscribe` subscriptions, not
 * the `.signature` ones). A key that stops being valid revokes the session on its next request:
 * `{"id":null,"status":401,"error":{"code":-2015,…}}` (the doc's example).
 *
 * Choices the docs leave open (UNCONFIRMED): an HMAC or RSA key's `session.logon` is refused 400 -1022
 * "Signature for this request is not valid." (users report an invalid-signature error, sieblyio/binance#626);
 * `userDataStream.subscribe` without a session → 401 -1002 "You are not authorized to execute this request.".
 */
export function createWsSession(deps: StreamDeps, request: StreamRequest, connectedSince: number) {
  let account: SimAccount | undefined;
  let authorizedSince: number | null = null;
  let next = 0;
  const active = new Set<number>();
  const sessionSubscriptions = new Set<number>();

  const status = (): WsReply => ({
    status: 200,
    result: {
      apiKey: account?.apiKey ?? null,
      authorizedSince,
      connectedSince,
      returnRateLimits: false,
      serverTime: deps.clock.now(),
      userDataStream: active.size > 0,
    },
  });
  const logout = () => {
    account = undefined;
    authorizedSince = null;
    for (const id of sessionSubscriptions) active.delete(id);
    sessionSubscriptions.clear();
  };

  /** Re-checks the logged-on key (expiry, IP, environment); revokes the session when it no longer passes. */
  const recheck = (): SessionAnswer | undefined => {
    const admission = admit(deps, request, account!.apiKey, deps.clock.now());
    if (!admission.reason) return undefined;
    logout();
    return { reply: failure('bad_key'), revoked: true };
  };

  return {
    loggedOn: () => account !== undefined,
    status,
    nextSubscriptionId(): number {
      active.add(next);
      return next++;
    },
    /** A SIGNED request on the session: `timestamp` still required, no `apiKey`/`signature`. */
    async unsigned(params: WsParams): Promise<SessionAnswer | { accountId: string }> {
      const revoked = recheck();
      if (revoked) return revoked;
      if (!wsTimestampOk(params, deps.clock.now())) {
        settle(deps, request, account!, 'timestamp');
        return { reply: failure('timestamp') };
      }
      settle(deps, request, account!);
      return { accountId: account!.id };
    },
    async handle(method: string | undefined, params: WsParams): Promise<SessionAnswer | undefined> {
      switch (method) {
        case 'session.logon': {
          const now = deps.clock.now();
          const apiKey = typeof params.apiKey === 'string' ? params.apiKey : undefined;
          const admission = admit(deps, request, apiKey, now);
          if (admission.reason) return { reply: failure(admission.reason) };
          const candidate = admission.account;
          const reason =
            candidate.keyType === 'ed25519' ? await verifyWsParams(candidate, params, now) : 'bad_signature';
          settle(deps, request, candidate, reason);
          if (reason) return { reply: failure(reason) };
          account = candidate;
          authorizedSince = now;
          return { reply: status() };
        }
        case 'session.status':
          return { reply: status() };
        case 'session.logout':
          logout();
          return { reply: status() };
        case 'userDataStream.subscribe': {
          if (!account)
            return {
              reply: {
                status: 401,
                error: { code: -1002, msg: 'You are not authorized to execute this request.' },
              },
            };
          const revoked = recheck();
          if (revoked) return revoked;
          settle(deps, request, account);
          const subscriptionId = next++;
          active.add(subscriptionId);
          sessionSubscriptions.add(subscriptionId);
          return { reply: { status: 200, result: { subscriptionId } } };
        }
        case 'userDataStream.unsubscribe': {
          const only = params.subscriptionId;
          for (const id of [...active])
            if (only === undefined || Number(only) === id) {
              active.delete(id);
              sessionSubscriptions.delete(id);
            }
          return { reply: { status: 200, result: {} } };
        }
        default:
          return undefined;
      }
    },
  };
}
