import { hmacSha256Hex, verifyAsymmetric } from '@cts/core/crypto';
import type { SimAccount } from '../../accounts/account.ts';
import type { RejectReason } from '../../stats.ts';
import { admit, settle } from '../../ws/admit.ts';
import { every } from '../../ws/heartbeat.ts';
import type { StreamDeps } from '../../ws/stream-hub.ts';
import type { StreamOpener } from '../../ws/stream-types.ts';
import { sameText } from '../shared.ts';
import { listenTokenLive, subscribeListenToken } from './ws-listen-token.ts';

/** The server pings every 20 s; no pong within 1 min → disconnect (reference §2.6). */
export const BINANCE_PING_MS = 20_000;
export const BINANCE_PONG_DEADLINE_MS = 60_000;

/** Binance WS API errors: `{status, error: {code, msg}}` with the REST codes (reference §2.4). */
const FAILURES: Partial<Record<RejectReason, [number, number, string]>> = {
  missing_auth: [400, -1102, "Mandatory parameter 'apiKey' was not sent, was empty/null, or malformed."],
  bad_key: [401, -2015, 'Invalid API-key, IP, or permissions for action.'],
  wrong_environment: [401, -2015, 'Invalid API-key, IP, or permissions for action.'],
  key_expired: [401, -2015, 'Invalid API-key, IP, or permissions for action.'],
  ip: [401, -2015, 'Invalid API-key, IP, or permissions for action.'],
  timestamp: [400, -1021, 'Timestamp for this request is outside of the recvWindow.'],
  bad_signature: [400, -1022, 'Signature for this request is not valid.'],
};

type Params = Record<string, unknown>;

/**
 * WS API signing (reference §2.6, §7): every parameter but `signature`, sorted by name, as `k=v&…`;
 * HMAC-SHA256 hex or RSA/Ed25519 base64. Timing as REST: ts < now + 1000 and now − ts ≤ recvWindow.
 */
async function verifyParams(
  account: SimAccount,
  params: Params,
  now: number,
): Promise<RejectReason | undefined> {
  const ts = Number(params.timestamp);
  const recv = params.recvWindow === undefined ? 5000 : Number(params.recvWindow);
  if (
    !Number.isFinite(ts) ||
    !Number.isFinite(recv) ||
    recv > 60_000 ||
    !(ts < now + 1000 && now - ts <= recv)
  )
    return 'timestamp';
  const payload = Object.keys(params)
    .filter((k) => k !== 'signature')
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join('&');
  const signature = typeof params.signature === 'string' ? params.signature : '';
  if (account.keyType !== 'hmac')
    return (await verifyAsymmetric(account.keyType, account.publicKeyPem!, payload, signature).catch(
      () => false,
    ))
      ? undefined
      : 'bad_signature';
  return sameText(await hmacSha256Hex(account.hmacSecret!, payload), signature.toLowerCase())
    ? undefined
    : 'bad_signature';
}

/**
 * Binance spot WebSocket API `/ws-api/v3`: `userDataStream.subscribe.signature` subscribes this connection to
 * the account's user data, `userDataStream.subscribe.listenToken` to a margin account's (ws-listen-token.ts);
 * ping frames every 20 s, closed when no pong comes within a minute. A listenToken subscription whose token
 * expires gets `eventStreamTerminated` (our choice: Binance's signal is UNCONFIRMED) and ends.
 */
export function openBinanceStream(deps: StreamDeps): StreamOpener {
  return (socket, request) => {
    const stop = new AbortController();
    let lastPong = deps.clock.now();
    let subscriptions = 0;
    const tokens = new Map<number, string>();
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
    const reply = (id: unknown, status: number, body: Params) =>
      socket.send(JSON.stringify({ id, status, ...body }));
    return {
      async message(text) {
        let m: { id?: unknown; method?: string; params?: Params };
        try {
          m = JSON.parse(text);
        } catch {
          return reply(null, 400, {
            error: { code: -1100, msg: 'Illegal characters found in a parameter.' },
          });
        }
        if (m.method === 'userDataStream.subscribe.listenToken') {
          const token = m.params?.listenToken;
          const found = subscribeListenToken(deps, request, token);
          if (!('accountId' in found)) return reply(m.id ?? null, found.status, { error: found.error });
          tokens.set(subscriptions, String(token));
          return reply(m.id ?? null, 200, { result: { subscriptionId: subscriptions++ } });
        }
        if (m.method !== 'userDataStream.subscribe.signature')
          return reply(m.id ?? null, 400, {
            error: { code: -1020, msg: 'This operation is not supported.' },
          });
        const params = m.params ?? {};
        const now = deps.clock.now();
        const admission = admit(
          deps,
          request,
          typeof params.apiKey === 'string' ? params.apiKey : undefined,
          now,
        );
        let reason = admission.reason;
        if (!reason && admission.account) {
          reason = await verifyParams(admission.account, params, now);
          settle(deps, request, admission.account, reason);
        }
        if (reason) {
          const [status, code, msg] = FAILURES[reason] ?? [400, -1000, 'An unknown error occurred.'];
          return reply(m.id ?? null, status, { error: { code, msg } });
        }
        return reply(m.id ?? null, 200, { result: { subscriptionId: subscriptions++ } });
      },
      pong() {
        lastPong = deps.clock.now();
      },
      closed: () => stop.abort(),
    };
  };
}
