import { CtsError } from '../../errors/cts-error.ts';
import type { LimitFeedback, RateLimitUsage } from '../../limiter/gate.ts';
import type { Clock } from '../../ports/clock.ts';
import { parseRetryAfter, type ReplyReader } from '../shared/http.ts';
import { bingxError, bingxHttpError } from './errors.ts';

/**
 * BingX restricts a UID that exceeds a per-endpoint limit and "restores after 5 min" (reference 4.5); used as the
 * ban length of an HTTP 418 that carries no Retry-After.
 */
export const BINGX_BAN_MS = 5 * 60_000;

/** BingX's per-UID endpoint limits are per second (balance endpoints 5/s), the window the headers count. */
const WINDOW_MS = 1000;

interface Envelope {
  code?: unknown;
  msg?: unknown;
  data?: unknown;
}

function envelope(json: unknown): Envelope | undefined {
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Envelope) : undefined;
}

/**
 * `X-RateLimit-Requests-Expire`: the reference names the header but not its unit (UNCONFIRMED). Epoch values are
 * recognised by size (ms after 2001, or seconds); anything smaller is read as milliseconds until the window resets.
 */
function resetAtOf(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) return undefined;
  if (n >= 1e12) return n;
  if (n >= 1e9) return n * 1000;
  return now + n;
}

/** Reads BingX `{code, msg, data}` replies: `data` on code 0, else the mapped error. */
export function createBingxReader(clock: Clock): ReplyReader<unknown> {
  return {
    read({ status, headers, json }) {
      const retryAfterMs = parseRetryAfter(headers.get('retry-after'), clock.now());
      if (status === 418) throw bingxHttpError(status, retryAfterMs ?? BINGX_BAN_MS);
      if (status === 429) throw bingxHttpError(status, retryAfterMs);
      const body = envelope(json);
      const code = body?.code === undefined ? undefined : Number(body.code);
      if (code !== undefined && code !== 0) {
        const msg = typeof body?.msg === 'string' ? body.msg : '';
        throw bingxError(Number.isNaN(code) ? -1 : code, msg, { status, retryAfterMs });
      }
      if (status >= 400) throw bingxHttpError(status, retryAfterMs);
      if (!body || code === undefined)
        throw new CtsError('exchange.bad_response', 'BingX sent a reply without the {code, data} envelope', {
          status,
        });
      return body.data;
    },
    nonJsonError({ status, headers }) {
      return status >= 400
        ? bingxHttpError(status, parseRetryAfter(headers.get('retry-after'), clock.now()))
        : undefined;
    },
    feedback({ status, headers, json }) {
      const now = clock.now();
      const feedback: LimitFeedback = { status };
      const remain = headers.get('x-ratelimit-requests-remain');
      if (remain !== null && remain.trim() !== '' && Number.isFinite(Number(remain))) {
        const usage: RateLimitUsage = {
          scope: 'endpoint',
          windowMs: WINDOW_MS,
          remaining: Number(remain),
          source: 'X-RateLimit-Requests-Remain',
        };
        const resetAt = resetAtOf(headers.get('x-ratelimit-requests-expire'), now);
        if (resetAt !== undefined) usage.resetAt = resetAt;
        feedback.usage = [usage];
      }
      const retryAfterMs = parseRetryAfter(headers.get('retry-after'), now);
      const code = Number(envelope(json)?.code);
      if (status === 429 || status === 418 || code === 100410) {
        feedback.rateLimited = true;
        if (retryAfterMs !== undefined) feedback.retryAfterMs = retryAfterMs;
      }
      if (status === 418) feedback.bannedUntil = now + (retryAfterMs ?? BINGX_BAN_MS);
      return feedback;
    },
  };
}
