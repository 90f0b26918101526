import { CtsError } from '../../errors/cts-error.ts';
import type { LimitFeedback } from '../../limiter/gate.ts';
import type { Clock } from '../../ports/clock.ts';
import { parseRetryAfter, type ReplyReader } from '../shared/http.ts';
import { mapOkxError, OKX_RATE_CODES } from './errors.ts';

function envelope(json: unknown): { code: string; msg: string; data: unknown } | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const { code, msg, data } = json as { code?: unknown; msg?: unknown; data?: unknown };
  if (typeof code !== 'string' && typeof code !== 'number') return undefined;
  return { code: String(code), msg: typeof msg === 'string' ? msg : '', data };
}

/**
 * Reads OKX V5 envelopes `{code, msg, data}` (`code "0"` = success) and returns `data`. OKX documents no
 * rate-limit usage headers, so feedback carries only 429s / rate-limit codes and Retry-After.
 */
export function createOkxReader(clock: Clock): ReplyReader<unknown> {
  return {
    read({ status, headers, json }) {
      const env = envelope(json);
      if (status >= 200 && status < 300 && env?.code === '0') return env.data;
      if (status >= 200 && status < 300 && !env)
        throw new CtsError('exchange.bad_response', 'OKX: the reply has no code envelope', { status });
      const retryAfterMs = parseRetryAfter(headers.get('retry-after'), clock.now());
      throw mapOkxError({ status, code: env?.code, msg: env?.msg, retryAfterMs });
    },
    feedback({ status, headers, json }): LimitFeedback {
      const feedback: LimitFeedback = { status };
      const env = envelope(json);
      if (status === 429 || (env && OKX_RATE_CODES.includes(env.code))) {
        feedback.rateLimited = true;
        const wait = parseRetryAfter(headers.get('retry-after'), clock.now());
        if (wait !== undefined) feedback.retryAfterMs = wait;
      }
      return feedback;
    },
    nonJsonError({ status }) {
      return status === 401 || status === 404 ? mapOkxError({ status }) : undefined;
    },
  };
}
