import { isExpired, type SimAccount } from '../../accounts/account.ts';
import type { RejectReason } from '../../stats.ts';
import { every } from '../../ws/heartbeat.ts';
import type { StreamDeps } from '../../ws/stream-hub.ts';
import type { StreamOpener } from '../../ws/stream-types.ts';
import { identifyAuth, scopeOf, verifyAuth } from './auth.ts';
import { orangexReject } from './errors.ts';

/** Cut after this long without a message (the client PINGs every 5 s; the limit is our choice). */
export const ORANGEX_IDLE_MS = 30_000;

/**
 * OrangeX `/ws/api/v1` (reference §6.5): JSON-RPC `/public/auth` (same checks as HTTP), `/private/subscribe`
 * with the session's (or the given) access token, text `PING` → `PONG`, cut after 30 s of silence.
 */
export function openOrangexStream(deps: StreamDeps): StreamOpener {
  return (socket, request) => {
    const stop = new AbortController();
    let lastSeen = deps.clock.now();
    let account: SimAccount | undefined;
    const rpc = (id: unknown, body: Record<string, unknown>) => {
      const us = deps.clock.now() * 1000;
      socket.send(
        JSON.stringify({ jsonrpc: '2.0', id, ...body, usIn: us, usOut: us, usDiff: 0, testnet: false }),
      );
    };
    const reject = (id: unknown, reason: RejectReason) => {
      const reply = orangexReject(reason, {
        ip: request.ip,
        now: deps.clock.now(),
        endpoint: '/ws/api/v1',
        environment: request.environment,
        meta: { id },
      });
      socket.send(JSON.stringify(reply.body));
    };
    every(deps.clock, 5000, stop.signal, () => {
      if (deps.clock.now() - lastSeen < ORANGEX_IDLE_MS) return;
      socket.close(4000, 'heartbeat timeout');
      return false;
    });
    return {
      async message(text) {
        const now = deps.clock.now();
        lastSeen = now;
        if (text === 'PING') return socket.send('PONG');
        let m: { id?: unknown; method?: string; params?: Record<string, unknown> };
        try {
          m = JSON.parse(text);
        } catch {
          return reject(null, 'bad_request');
        }
        const id = m.id ?? null;
        const params = m.params ?? {};
        if (m.method === '/public/auth') {
          const identity = identifyAuth(deps, params, now);
          const keyId = identity.account?.id ?? (identity.presented ? 'unknown' : 'anonymous');
          deps.stats.request('orangex', keyId);
          const fail = (reason: RejectReason) => {
            deps.stats.rejected('orangex', keyId, reason);
            reject(id, reason);
          };
          if (identity.failure) return fail(identity.failure);
          if (!identity.presented) return fail('missing_auth');
          const found = identity.account;
          if (!found) return fail('bad_key');
          if (isExpired(found, now)) return fail('key_expired');
          if (found.ipWhitelist.length > 0 && !found.ipWhitelist.includes(request.ip)) return fail('ip');
          const verdict = await verifyAuth(found, params, now);
          if (verdict.reason) return fail(verdict.reason);
          deps.stats.accepted('orangex', keyId);
          account = found;
          const pair = deps.tokens.issue(found.id, now);
          return rpc(id, {
            result: {
              access_token: pair.accessToken,
              token_type: 'bearer',
              refresh_token: pair.refreshToken,
              expires_in: pair.expiresIn,
              scope: scopeOf(found),
            },
          });
        }
        if (m.method === '/private/subscribe') {
          const token = typeof params.access_token === 'string' ? params.access_token : undefined;
          const owner = token ? deps.tokens.resolveAccess(token, now) : undefined;
          if (token && !owner?.accountId) return reject(id, 'bad_token');
          if (!account && !owner?.accountId) return reject(id, 'missing_auth');
          const channels = Array.isArray(params.channels) ? params.channels.map(String) : [];
          if (channels.length === 0) return reject(id, 'bad_request');
          return rpc(id, { result: channels });
        }
        return reject(id, 'not_found');
      },
      pong() {},
      closed: () => stop.abort(),
    };
  };
}
