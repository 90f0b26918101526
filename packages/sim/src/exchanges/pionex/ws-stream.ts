import { hmacSha256Hex } from '@cts/core/crypto';
import type { SimAccount } from '../../accounts/account.ts';
import { dec, walletOf } from '../../accounts/account.ts';
import type { RejectReason } from '../../stats.ts';
import { admit, settle } from '../../ws/admit.ts';
import { every } from '../../ws/heartbeat.ts';
import type { StreamDeps } from '../../ws/stream-hub.ts';
import type { StreamOpener } from '../../ws/stream-types.ts';
import { sameText } from '../shared.ts';
import { pionexReject } from './errors.ts';

/**
 * Every Pionex stream frame goes out as a **binary** frame holding UTF-8 JSON (reference 2026 §8: a maintained
 * client and an older Pionex doc; UNCONFIRMED by Pionex's own spec). Clients must read binary and text.
 */
export function pionexFrame(body: Record<string, unknown>): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(body));
}

/** PING every 15 s; 3 unanswered → `{"op":"CLOSE"}` (reference §5.6). */
export const PIONEX_PING_MS = 15_000;
export const PIONEX_MAX_MISSED_PONGS = 3;
/** Signed-URL timestamp window: the REST ±20 s (our choice for the stream; not in the reference). */
const WINDOW_MS = 20_000;

/** signature = HMAC-SHA256(secret, "/ws?" + sorted params without signature + "websocket_auth") hex. */
async function verifyUrl(account: SimAccount, url: URL, now: number): Promise<RejectReason | undefined> {
  const ts = Number(url.searchParams.get('timestamp'));
  if (!Number.isFinite(ts) || Math.abs(now - ts) > WINDOW_MS) return 'timestamp';
  const signature = url.searchParams.get('signature') ?? '';
  const sorted = [...url.searchParams]
    .filter(([k]) => k !== 'signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const expected = await hmacSha256Hex(account.hmacSecret!, `/ws?${sorted}websocket_auth`);
  return sameText(expected, signature.toLowerCase()) ? undefined : 'bad_signature';
}

/** The spot balances as the `BALANCE` topic carries them (same rows as REST `{coin, free, frozen}`). */
function balancePush(account: SimAccount, now: number): Record<string, unknown> {
  const balances = Object.entries(walletOf(account, 'spot')).map(([coin, a]) => ({
    coin,
    free: dec(a.free),
    frozen: dec(a.locked),
  }));
  return { topic: 'BALANCE', data: { balances }, timestamp: now };
}

/**
 * Pionex spot `/ws?key=&timestamp=&signature=` (reference §5.6). A bad URL gets `{"op":"CLOSE"}` with the
 * REST error code (how Pionex reports it is UNCONFIRMED) and a close. `SUBSCRIBE` BALANCE → `SUBSCRIBED`, then
 * a snapshot (our choice). PING every 15 s; 3 missed PONGs → CLOSE.
 */
export function openPionexStream(deps: StreamDeps): StreamOpener {
  return (socket, request) => {
    const stop = new AbortController();
    const json = (body: Record<string, unknown>) => socket.send(pionexFrame(body));
    let account: SimAccount | undefined;
    let missed = 0;
    const ready = (async () => {
      const now = deps.clock.now();
      const admission = admit(deps, request, request.url.searchParams.get('key') ?? undefined, now);
      let reason = admission.reason;
      if (!reason && admission.account) {
        reason = await verifyUrl(admission.account, request.url, now);
        settle(deps, request, admission.account, reason);
      }
      if (reason) {
        const body = pionexReject(reason, {
          ip: request.ip,
          now,
          endpoint: '/ws',
          environment: request.environment,
        }).body as { code: string; message: string };
        json({ op: 'CLOSE', code: body.code, message: body.message, timestamp: now });
        socket.close(1008, body.code);
        return;
      }
      account = admission.account;
      every(deps.clock, PIONEX_PING_MS, stop.signal, () => {
        if (missed >= PIONEX_MAX_MISSED_PONGS) {
          json({ op: 'CLOSE', timestamp: deps.clock.now() });
          socket.close(1000, 'missed PONG');
          return false;
        }
        missed++;
        json({ op: 'PING', timestamp: deps.clock.now() });
      });
    })();
    return {
      async message(text) {
        await ready;
        if (!account) return;
        let m: { op?: string; topic?: string };
        try {
          m = JSON.parse(text);
        } catch {
          return json({ op: 'ERROR', message: 'invalid json', timestamp: deps.clock.now() });
        }
        if (m.op === 'PONG') missed = 0;
        else if (m.op === 'SUBSCRIBE' && m.topic === 'BALANCE') {
          json({ op: 'SUBSCRIBED', topic: 'BALANCE', timestamp: deps.clock.now() });
          socket.send(pionexFrame(balancePush(account, deps.clock.now())));
        } else
          json({
            op: 'ERROR',
            message: `unsupported ${m.op ?? ''} ${m.topic ?? ''}`.trim(),
            timestamp: deps.clock.now(),
          });
      },
      pong() {},
      closed: () => stop.abort(),
    };
  };
}
