import { hmacSha256Base64 } from '@cts/core/crypto';
import type { SimAccount } from '../../accounts/account.ts';
import type { RejectReason } from '../../stats.ts';
import { admit, settle } from '../../ws/admit.ts';
import { connectionId, every } from '../../ws/heartbeat.ts';
import type { StreamDeps } from '../../ws/stream-hub.ts';
import type { StreamOpener } from '../../ws/stream-types.ts';
import { sameText } from '../shared.ts';
import { okxBalance } from './balances.ts';

/** Cut after 30 s without data from the client (reference §3.6). */
export const OKX_IDLE_MS = 30_000;

/** OKX WebSocket error codes 600xx (ccxt's okx table); wrong environment and IP: our choice of code. */
const LOGIN_FAILURES: Partial<Record<RejectReason, [string, string]>> = {
  missing_auth: ['60001', 'OK-ACCESS-KEY can not be empty'],
  bad_key: ['60005', 'Invalid OK-ACCESS-KEY'],
  wrong_environment: ['60005', 'Invalid OK-ACCESS-KEY'],
  key_expired: ['60009', 'Login failed'],
  ip: ['60009', 'Login failed'],
  timestamp: ['60006', 'Timestamp request expired'],
  bad_passphrase: ['60024', 'Wrong passphrase'],
  bad_signature: ['60007', 'Invalid sign'],
};

interface LoginArgs {
  apiKey?: string;
  passphrase?: string;
  timestamp?: string;
  sign?: string;
}

/** Timestamp in seconds within 30 s, passphrase, sign = base64(HMAC(secret, ts + "GET/users/self/verify")). */
async function verifyLogin(
  account: SimAccount,
  args: LoginArgs,
  now: number,
): Promise<RejectReason | undefined> {
  const ts = /^\d{1,12}(\.\d+)?$/.test(args.timestamp ?? '') ? Number(args.timestamp) * 1000 : Number.NaN;
  if (Number.isNaN(ts) || Math.abs(now - ts) > 30_000) return 'timestamp';
  if (args.passphrase !== account.passphrase) return 'bad_passphrase';
  const expected = await hmacSha256Base64(account.hmacSecret!, `${args.timestamp}GET/users/self/verify`);
  return sameText(expected, args.sign ?? '') ? undefined : 'bad_signature';
}

/**
 * OKX `/ws/v5/private` (reference §3.6): `login`, `subscribe` to `account` (a snapshot follows), text
 * `ping` → `pong`, cut after 30 s of silence from the client.
 */
export function openOkxStream(deps: StreamDeps): StreamOpener {
  return (socket, request) => {
    const connId = connectionId();
    const stop = new AbortController();
    let lastSeen = deps.clock.now();
    let account: SimAccount | undefined;
    const send = (body: Record<string, unknown>) => socket.send(JSON.stringify({ ...body, connId }));
    const fail = (code: string, msg: string) => send({ event: 'error', code, msg });
    every(deps.clock, 5000, stop.signal, () => {
      if (deps.clock.now() - lastSeen < OKX_IDLE_MS) return;
      socket.close(4004, 'No data received in 30s');
      stop.abort();
    });
    return {
      async message(text) {
        const now = deps.clock.now();
        lastSeen = now;
        if (text === 'ping') return socket.send('pong');
        let m: { op?: string; args?: unknown[] };
        try {
          m = JSON.parse(text);
        } catch {
          return fail('60012', `Invalid request: ${text.slice(0, 40)}`);
        }
        const args = Array.isArray(m.args) ? (m.args as Record<string, string>[]) : [];
        if (m.op === 'login') {
          const login = (args[0] ?? {}) as LoginArgs;
          const admission = admit(deps, request, login.apiKey, now);
          let reason = admission.reason;
          if (!reason && admission.account) {
            reason = await verifyLogin(admission.account, login, now);
            settle(deps, request, admission.account, reason);
          }
          if (reason) {
            const [code, msg] = LOGIN_FAILURES[reason] ?? ['60009', 'Login failed'];
            return fail(code, msg);
          }
          account = admission.account;
          return send({ event: 'login', code: '0', msg: '' });
        }
        if (m.op === 'subscribe') {
          if (!account) return fail('60011', 'Please log in');
          for (const arg of args) {
            if (arg.channel !== 'account') {
              fail('60018', `Wrong URL or channel:${arg.channel ?? ''} doesn't exist.`);
              continue;
            }
            send({ event: 'subscribe', arg: { channel: 'account' } });
            socket.send(
              JSON.stringify({
                arg: { channel: 'account', uid: account.uid },
                data: [okxBalance(account, now, undefined)],
              }),
            );
          }
          return;
        }
        return fail('60012', `Invalid request: ${text.slice(0, 40)}`);
      },
      pong() {},
      closed: () => stop.abort(),
    };
  };
}
