import { hmacSha256Hex, verifyAsymmetric } from '@cts/core/crypto';
import type { SimAccount } from '../../accounts/account.ts';
import type { RejectReason } from '../../stats.ts';
import { admit, settle } from '../../ws/admit.ts';
import { connectionId, every } from '../../ws/heartbeat.ts';
import type { StreamDeps } from '../../ws/stream-hub.ts';
import type { StreamOpener } from '../../ws/stream-types.ts';
import { sameText } from '../shared.ts';

/** Idle cut without ping or data: 10 min, or `?max_active_time=30s..600s` (reference §1.6). */
const DEFAULT_IDLE_MS = 600_000;

/** Auth failure texts: Bybit's failure payload is UNCONFIRMED (reference §1.6); these are our wording. */
const AUTH_FAILURES: Partial<Record<RejectReason, string>> = {
  missing_auth: 'error:apiKey missing',
  bad_key: 'error:invalid apiKey',
  wrong_environment: 'error:invalid apiKey',
  key_expired: 'error:apiKey has expired',
  ip: 'error:unmatched IP',
  timestamp: 'error:request expired',
  bad_signature: 'error:signature verification failed',
};

function idleMsOf(url: URL): number {
  const raw = url.searchParams.get('max_active_time');
  const m = raw ? /^(\d+)s$/.exec(raw) : null;
  const s = m ? Number(m[1]) : Number.NaN;
  return s >= 30 && s <= 600 ? s * 1000 : DEFAULT_IDLE_MS;
}

/** expires must be in the future; sign = HMAC-SHA256(secret, "GET/realtime" + expires) hex, or RSA base64. */
async function verifyAuth(
  account: SimAccount,
  expires: string,
  sign: string,
  now: number,
): Promise<RejectReason | undefined> {
  if (!/^\d{1,17}$/.test(expires) || Number(expires) <= now) return 'timestamp';
  const message = `GET/realtime${expires}`;
  if (account.keyType === 'rsa')
    return (await verifyAsymmetric('rsa', account.publicKeyPem!, message, sign).catch(() => false))
      ? undefined
      : 'bad_signature';
  return sameText(await hmacSha256Hex(account.hmacSecret!, message), sign) ? undefined : 'bad_signature';
}

/**
 * Bybit V5 `/v5/private` (reference §1.6): `auth` op, `ping` → `pong`, `subscribe` to `wallet` only after
 * auth (no snapshot), cut after the idle time without ping or data.
 */
export function openBybitStream(deps: StreamDeps): StreamOpener {
  return (socket, request) => {
    const connId = connectionId();
    const stop = new AbortController();
    const idleMs = idleMsOf(request.url);
    let lastSeen = deps.clock.now();
    let account: SimAccount | undefined;
    const send = (body: Record<string, unknown>) => socket.send(JSON.stringify({ ...body, conn_id: connId }));
    every(deps.clock, Math.min(idleMs, 30_000), stop.signal, () => {
      if (deps.clock.now() - lastSeen < idleMs) return;
      socket.close(4001, 'no ping or data within max_active_time');
      stop.abort();
    });
    return {
      async message(text) {
        lastSeen = deps.clock.now();
        let m: { op?: string; req_id?: string; args?: unknown[] };
        try {
          m = JSON.parse(text);
        } catch {
          return send({ success: false, ret_msg: 'error:invalid request', op: '' });
        }
        const reqId = m.req_id ?? '';
        const args = Array.isArray(m.args) ? m.args.map(String) : [];
        if (m.op === 'ping') return send({ req_id: reqId, op: 'pong', args: [String(deps.clock.now())] });
        if (m.op === 'auth') {
          const now = deps.clock.now();
          const [apiKey, expires = '', sign = ''] = args;
          const admission = admit(deps, request, apiKey, now);
          let reason = admission.reason;
          if (!reason && admission.account) {
            reason = await verifyAuth(admission.account, expires, sign, now);
            settle(deps, request, admission.account, reason);
          }
          if (reason)
            return send({
              success: false,
              ret_msg: AUTH_FAILURES[reason] ?? 'error:auth failed',
              op: 'auth',
              req_id: reqId,
            });
          account = admission.account;
          return send({ success: true, ret_msg: '', op: 'auth', req_id: reqId });
        }
        if (m.op === 'subscribe') {
          if (!account)
            return send({
              success: false,
              ret_msg: 'Request not authorized',
              op: 'subscribe',
              req_id: reqId,
            });
          const unknown = args.find((topic) => !['wallet', 'order', 'position', 'execution'].includes(topic));
          if (unknown)
            return send({
              success: false,
              ret_msg: `error:handler not found,topic:${unknown}`,
              op: 'subscribe',
              req_id: reqId,
            });
          return send({ success: true, ret_msg: '', op: 'subscribe', req_id: reqId });
        }
        return send({
          success: false,
          ret_msg: `error:invalid op ${m.op ?? ''}`.trim(),
          op: m.op ?? '',
          req_id: reqId,
        });
      },
      pong() {},
      closed: () => stop.abort(),
    };
  };
}
