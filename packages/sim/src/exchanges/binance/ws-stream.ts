import { admit, settle } from '../../ws/admit.ts';
import { every } from '../../ws/heartbeat.ts';
import type { StreamDeps } from '../../ws/stream-hub.ts';
import type { StreamOpener } from '../../ws/stream-types.ts';
import { binanceSpotAccount } from './balances.ts';
import { failure, verifyWsParams, type WsParams, type WsReply } from './ws-api-verify.ts';
import { listenTokenLive, subscribeListenToken } from './ws-listen-token.ts';
import { createWsSession } from './ws-session.ts';

/** The server pings every 20 s; no pong within 1 min → disconnect (reference §2.6). */
export const BINANCE_PING_MS = 20_000;
export const BINANCE_PONG_DEADLINE_MS = 60_000;

/**
 * Binance spot WebSocket API `/ws-api/v3`: `userDataStream.subscribe.signature` subscribes this connection to
 * the account's user data, `userDataStream.subscribe.listenToken` to a margin account's (ws-listen-token.ts);
 * `session.logon` / `session.status` / `session.logout` and the unsigned requests of a logged-on session
 * (ws-session.ts); `account.status` signed or on the session. Ping frames every 20 s, closed when no pong
 * comes within a minute. A listenToken subscription whose token expires gets `eventStreamTerminated` (our
 * choice: Binance's signal is UNCONFIRMED) and ends. Before a server restart closes the socket it sends
 * `{"event":{"e":"serverShutdown","E":…}}` (web-socket-api.md "Connection events", 2026-05-08).
 */
export function openBinanceStream(deps: StreamDeps): StreamOpener {
  return (socket, request) => {
    const stop = new AbortController();
    let lastPong = deps.clock.now();
    const tokens = new Map<number, string>();
    const session = createWsSession(deps, request, deps.clock.now());
    every(deps.clock, BINANCE_PING_MS, stop.signal, () => {
      if (deps.clock.now() - lastPong > BINANCE_PONG_DEADLINE_MS) {
        socket.close(1008, 'Pong timeout');
        return false;
      }
      for (const [subscriptionId, token] of tokens)
        if (!listenTokenLive(deps, request, token)) {
          tokens.delete(subscriptionId);
          const event = { e: 'eventStreamTerminated', E: deps.clock.now() };
          socket.send(JSON.stringify({ subscriptionId, event }));
        }
      socket.ping();
    });
    const send = (id: unknown, reply: WsReply) => socket.send(JSON.stringify({ id, ...reply }));

    /** A signed request (`apiKey` + `signature`), as every key type may send it. */
    const signed = async (params: WsParams): Promise<WsReply | { accountId: string }> => {
      const now = deps.clock.now();
      const apiKey = typeof params.apiKey === 'string' ? params.apiKey : undefined;
      const admission = admit(deps, request, apiKey, now);
      let reason = admission.reason;
      if (!reason && admission.account) {
        reason = await verifyWsParams(admission.account, params, now);
        settle(deps, request, admission.account, reason);
      }
      return reason ? failure(reason) : { accountId: admission.account!.id };
    };

    return {
      async message(text) {
        let m: { id?: unknown; method?: string; params?: WsParams };
        try {
          m = JSON.parse(text);
        } catch {
          return send(null, {
            status: 400,
            error: { code: -1100, msg: 'Illegal characters found in a parameter.' },
          });
        }
        const id = m.id ?? null;
        const params = m.params ?? {};
        if (m.method === 'userDataStream.subscribe.listenToken') {
          const found = subscribeListenToken(deps, request, params.listenToken);
          if (!('accountId' in found)) return send(id, { status: found.status, error: found.error });
          const subscriptionId = session.nextSubscriptionId();
          tokens.set(subscriptionId, String(params.listenToken));
          return send(id, { status: 200, result: { subscriptionId } });
        }
        if (m.method === 'userDataStream.subscribe.signature') {
          const found = await signed(params);
          if (!('accountId' in found)) return send(id, found);
          return send(id, { status: 200, result: { subscriptionId: session.nextSubscriptionId() } });
        }
        if (m.method === 'account.status') {
          const found =
            params.signature === undefined && session.loggedOn()
              ? await session.unsigned(params)
              : await signed(params);
          if ('reply' in found) return send(found.revoked ? null : id, found.reply);
          if (!('accountId' in found)) return send(id, found);
          const account = deps.accounts.byId(found.accountId)!;
          const omitZero = params.omitZeroBalances === true || params.omitZeroBalances === 'true';
          return send(id, { status: 200, result: binanceSpotAccount(account, deps.clock.now(), omitZero) });
        }
        const handled = await session.handle(m.method, params);
        if (handled) return send(handled.revoked ? null : id, handled.reply);
        return send(id, { status: 400, error: { code: -1020, msg: 'This operation is not supported.' } });
      },
      pong() {
        lastPong = deps.clock.now();
      },
      closed: () => stop.abort(),
      shutdown: () => socket.send(JSON.stringify({ event: { e: 'serverShutdown', E: deps.clock.now() } })),
    };
  };
}
