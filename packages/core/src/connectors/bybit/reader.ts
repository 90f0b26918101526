import { CtsError } from '../../errors/cts-error.ts';
import type { LimitFeedback, RateLimitUsage } from '../../limiter/gate.ts';
import type { Clock } from '../../ports/clock.ts';
import { parseRetryAfter, type ReplyReader } from '../shared/http.ts';
import { BYBIT_IP_BAN_MS, mapBybitError } from './errors.ts';

function headerNumber(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Bybit's per-UID, per-endpoint, rolling one-second limit from `X-Bapi-Limit` (limit), `X-Bapi-Limit-Status`
 * (remaining) and `X-Bapi-Limit-Reset-Timestamp` (epoch ms).
 */
export function parseBybitUsage(headers: Headers): RateLimitUsage[] {
  const limit = headerNumber(headers, 'x-bapi-limit');
  const remaining = headerNumber(headers, 'x-bapi-limit-status');
  const resetAt = headerNumber(headers, 'x-bapi-limit-reset-timestamp');
  if (limit === undefined && remaining === undefined) return [];
  const usage: RateLimitUsage = { scope: 'endpoint', windowMs: 1000, source: 'X-Bapi-Limit' };
  if (limit !== undefined) usage.limit = limit;
  if (remaining !== undefined) usage.remaining = remaining;
  if (limit !== undefined && remaining !== undefined) usage.used = Math.max(0, limit - remaining);
  if (resetAt !== undefined) usage.resetAt = resetAt;
  return [usage];
}

function envelope(json: unknown): { retCode: number; retMsg: string; result: unknown } | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const { retCode, retMsg, result } = json as { retCode?: unknown; retMsg?: unknown; result?: unknown };
  if (typeof retCode !== 'number') return undefined;
  return { retCode, retMsg: typeof retMsg === 'string' ? retMsg : '', result };
}

const RATE_CODES = [10006, 10018];

/** Reads Bybit V5 envelopes `{retCode, retMsg, result, time}` and returns the whole envelope on success. */
export function createBybitReader(clock: Clock): ReplyReader<{ result: unknown; time?: unknown }> {
  const waitFrom = (headers: Headers): number | undefined => {
    const now = clock.now();
    const reset = headerNumber(headers, 'x-bapi-limit-reset-timestamp');
    return (
      parseRetryAfter(headers.get('retry-after'), now) ??
      (reset !== undefined ? Math.max(0, reset - now) : undefined)
    );
  };
  return {
    read({ status, headers, json, text }) {
      const env = envelope(json);
      if (status >= 200 && status < 300 && env?.retCode === 0)
        return json as { result: unknown; time?: unknown };
      if (status >= 200 && status < 300 && !env)
        throw new CtsError('exchange.bad_response', 'Bybit: the reply has no retCode envelope', { status });
      throw mapBybitError({
        status,
        retCode: env?.retCode,
        retMsg: env?.retMsg,
        text,
        retryAfterMs: waitFrom(headers),
      });
    },
    feedback({ status, headers, json, text }): LimitFeedback {
      const feedback: LimitFeedback = { status, usage: parseBybitUsage(headers) };
      const env = envelope(json);
      if (status === 429 || (env && RATE_CODES.includes(env.retCode))) {
        feedback.rateLimited = true;
        const wait = waitFrom(headers);
        if (wait !== undefined) feedback.retryAfterMs = wait;
      }
      if (status === 403 && !env && /frequen/i.test(text ?? '')) {
        feedback.rateLimited = true;
        feedback.bannedUntil = clock.now() + BYBIT_IP_BAN_MS;
      }
      return feedback;
    },
    nonJsonError({ status, text }) {
      if (status === 401 || status === 403 || status === 404) return mapBybitError({ status, text });
      return undefined;
    },
  };
}
