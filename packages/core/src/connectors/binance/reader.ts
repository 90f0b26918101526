import type { CtsError } from '../../errors/cts-error.ts';
import type { LimitFeedback, RateLimitUsage } from '../../limiter/gate.ts';
import type { Clock } from '../../ports/clock.ts';
import { parseRetryAfter, type ReplyReader } from '../shared/http.ts';
import { bannedUntilFromMessage, mapBinanceError } from './errors.ts';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** `X-MBX-USED-WEIGHT-1M`, `X-SAPI-USED-IP-WEIGHT-1M`, `X-SAPI-USED-UID-WEIGHT-1M`, `X-MBX-ORDER-COUNT-10S`. */
const USAGE_HEADER =
  /^x-(mbx-used-weight|sapi-used-ip-weight|sapi-used-uid-weight|mbx-order-count)-(\d+)([smhd])$/;

/** Rate-limit usage from Binance's response headers, any interval (-(n)(S|M|H|D)). */
export function parseBinanceUsage(headers: Headers): RateLimitUsage[] {
  const usage: RateLimitUsage[] = [];
  headers.forEach((value, name) => {
    const match = USAGE_HEADER.exec(name.toLowerCase());
    const used = Number(value);
    if (!match || value.trim() === '' || !Number.isFinite(used)) return;
    const kind = match[1]!;
    const scope = kind === 'sapi-used-uid-weight' || kind === 'mbx-order-count' ? 'account' : 'ip';
    usage.push({ scope, windowMs: Number(match[2]) * UNIT_MS[match[3]!]!, used, source: name.toUpperCase() });
  });
  return usage;
}

function errorBody(json: unknown): { code: number; msg: string } | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const { code, msg } = json as { code?: unknown; msg?: unknown };
  return typeof code === 'number' && typeof msg === 'string' ? { code, msg } : undefined;
}

/** Reads Binance replies: success is a 2xx whose body is not `{code<0, msg}`; errors map through mapBinanceError. */
export function createBinanceReader(clock: Clock): ReplyReader<unknown> {
  return {
    read({ status, headers, json }) {
      const body = errorBody(json);
      if (status >= 200 && status < 300 && !(body && body.code < 0)) return json;
      const retryAfterMs = parseRetryAfter(headers.get('retry-after'), clock.now());
      throw mapBinanceError({ status, code: body?.code, msg: body?.msg }, clock.now(), retryAfterMs);
    },
    feedback({ status, headers, json }): LimitFeedback {
      const now = clock.now();
      const feedback: LimitFeedback = { status, usage: parseBinanceUsage(headers) };
      const retryAfterMs = parseRetryAfter(headers.get('retry-after'), now);
      const body = errorBody(json);
      const bannedUntil = body ? bannedUntilFromMessage(body.msg) : undefined;
      if (status === 429 || status === 418 || body?.code === -1003) {
        feedback.rateLimited = true;
        if (retryAfterMs !== undefined) feedback.retryAfterMs = retryAfterMs;
      }
      if (bannedUntil !== undefined) feedback.bannedUntil = bannedUntil;
      else if (status === 418) feedback.bannedUntil = now + (retryAfterMs ?? 120_000);
      return feedback;
    },
    nonJsonError({ status, text }): CtsError | undefined {
      if (status !== 401 && status !== 403 && status !== 404) return undefined;
      return mapBinanceError(
        {
          status,
          msg: `HTTP ${status}${text.length < 200 && !text.includes('<') ? `: ${text.trim()}` : ''}`,
        },
        clock.now(),
      );
    },
  };
}
