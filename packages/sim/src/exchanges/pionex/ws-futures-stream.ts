import { hmacSha256Hex } from '@cts/core/crypto';
import type { SimAccount } from '../../accounts/account.ts';
import type { RejectReason } from '../../stats.ts';
import { admit, settle } from '../../ws/admit.ts';
import { every } from '../../ws/heartbeat.ts';
import type { StreamDeps } from '../../ws/stream-hub.ts';
import type { StreamOpener } from '../../ws/stream-types.ts';
import { sameText } from '../shared.ts';
import { pionexReject } from './errors.ts';
import { futuresBalances } from './routes.ts';
import { PIONEX_MAX_MISSED_PONGS, PIONEX_PING_MS, pionexFrame } from './ws-stream.ts';

/** Login timestamp window: the REST ±20 s (our choice for the stream; not in the reference). */
const WINDOW_MS = 20_000;

/**
 * signature = HMAC-SHA256(secret, timestamp + "websocket_auth") hex — the text of `websocketapi_futures.yaml`
 * (reference §5.6). UNCONFIRMED: the doc's printed example signature does not reproduce with it.
 */
async function verifyLogin(account: SimAccount, ts: string, signature: string, now: number) {
  const t = Number(ts);
  if (!/^\d{1,17}$/.test(ts) || Math.abs(now - t) > WINDOW_MS) return 'timestamp' as const;
  const expected = await hmacSha256Hex(account.hmacSecret!, `${ts}websocket_auth`);
  return sameText(expected, signature.toLowerCase()) ? undefined : ('bad_signature' as const);
}

/**
 * Pionex futures `/wsUA` (reference §5.6): `{"op":"auth","args":[apiKey, timestamp, signature]}` first. The
 * reply is our choice (the doc shows none): `{"op":"AUTH","result":true}`, or `result: false` with the REST
 * code (§5.4) and a close (1008). Then `SUBSCRIBE` BALANCE → `SUBSCRIBED` and a snapshot of the futures
 * wallet as `/uapi/v1/account/balances` has it (our choice); PING every 15 s, 3 missed PONGs → CLOSE.
 */
export function openPionexFuturesStream(deps: StreamDeps): StreamOpener {
  return (socket, request) => {
    const stop = new AbortController();
    const json = (body: Record<string, unknown>) =>
      socket.send(pionexFrame({ ...body, timestamp: deps.clock.now() }));
    let account: SimAccount | undefined;
    let missed = 0;
    const login = async (args: unknown): Promise<void> => {
      const [key, ts, signature] = Array.isArray(args) ? args.map((a) => String(a ?? '')) : [];
      const now = deps.clock.now();
      const admission = admit(deps, request, key || undefined, now);
      let reason: RejectReason | undefined = admission.reason;
      if (!reason && admission.account) {
        reason = await verifyLogin(admission.account, ts ?? '', signature ?? '', now);
        settle(deps, request, admission.account, reason);
      }
      if (reason) {
        const info = { ip: request.ip, now, endpoint: '/wsUA', environment: request.environment };
        const body = pionexReject(reason, info).body as { code: string; message: string };
        json({ op: 'AUTH', result: false, code: body.code, message: body.message });
        socket.close(1008, body.code);
        return;
      }
      account = admission.account;
      json({ op: 'AUTH', result: true });
      every(deps.clock, PIONEX_PING_MS, stop.signal, () => {
        if (missed >= PIONEX_MAX_MISSED_PONGS) {
          json({ op: 'CLOSE' });
          socket.close(1000, 'missed PONG');
          return false;
        }
        missed++;
        json({ op: 'PING' });
      });
    };
    return {
      async message(text) {
        let m: { op?: unknown; topic?: unknown; args?: unknown };
        try {
          m = JSON.parse(text);
        } catch {
          return json({ op: 'ERROR', message: 'invalid json' });
        }
        const op = typeof m.op === 'string' ? m.op.toUpperCase() : '';
        if (!account) {
          if (op === 'AUTH') return login(m.args);
          return json({ op: 'ERROR', message: 'not authenticated: send op auth first' });
        }
        if (op === 'PONG') missed = 0;
        else if (op === 'SUBSCRIBE' && m.topic === 'BALANCE') {
          json({ op: 'SUBSCRIBED', topic: 'BALANCE' });
          json({ topic: 'BALANCE', data: futuresBalances(account) });
        } else json({ op: 'ERROR', message: `unsupported ${op} ${String(m.topic ?? '')}`.trim() });
      },
      pong() {},
      closed: () => stop.abort(),
    };
  };
}
