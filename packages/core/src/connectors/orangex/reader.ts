import { CtsError } from '../../errors/cts-error.ts';
import type { LimitFeedback } from '../../limiter/gate.ts';
import type { Clock } from '../../ports/clock.ts';
import { asRecord } from '../shared/amount.ts';
import { parseRetryAfter, type ReplyReader } from '../shared/http.ts';
import { orangexError, orangexHttpError } from './errors.ts';

/** The readers of one OrangeX connector. */
export interface OrangexReaders {
  /** `{result}` → result; `{error: {code, message}}` → mapped CtsError. */
  result: ReplyReader<unknown>;
  /** The server's clock from any JSON-RPC reply, error replies included; 429/5xx still throw. */
  serverTime: ReplyReader<number>;
}

/**
 * Server time, UNCONFIRMED in the reference: Deribit-style replies carry `usOut` (µs, when the server sent the
 * reply), used when present. Otherwise the HTTP `Date` header, which has whole seconds: we add 500 ms so the
 * estimate is centred on the second rather than biased half a second early.
 */
export function orangexServerTimeOf(json: unknown, headers: Headers): number | undefined {
  const usOut = Number(asRecord(json)?.usOut);
  if (Number.isFinite(usOut) && usOut > 0) return Math.round(usOut / 1000);
  const date = headers.get('date');
  const parsed = date ? Date.parse(date) : Number.NaN;
  return Number.isNaN(parsed) ? undefined : parsed + 500;
}

export function createOrangexReaders(clock: Clock): OrangexReaders {
  const failure = (status: number, headers: Headers, json: unknown): CtsError | undefined => {
    const retryAfterMs = parseRetryAfter(headers.get('retry-after'), clock.now());
    if (status === 429) return orangexHttpError(status, retryAfterMs);
    if (status >= 500) return orangexHttpError(status);
    const body = asRecord(json);
    const error = asRecord(body?.error);
    if (error) {
      const code = Number(error.code);
      const message = typeof error.message === 'string' ? error.message : '';
      return orangexError(Number.isFinite(code) ? code : -1, message, { status, retryAfterMs });
    }
    if (status >= 400) return orangexHttpError(status);
    if (!body || !('result' in body))
      return new CtsError('exchange.bad_response', 'OrangeX sent a reply without a JSON-RPC result', {
        status,
      });
    return undefined;
  };

  const feedback: ReplyReader<unknown>['feedback'] = ({ status, headers, json }) => {
    const result: LimitFeedback = { status };
    const code = Number(asRecord(asRecord(json)?.error)?.code);
    if (status === 429 || code === 429) {
      result.rateLimited = true;
      const retryAfterMs = parseRetryAfter(headers.get('retry-after'), clock.now());
      if (retryAfterMs !== undefined) result.retryAfterMs = retryAfterMs;
    }
    return result;
  };

  const nonJsonError: ReplyReader<unknown>['nonJsonError'] = ({ status }) =>
    status >= 400 ? orangexHttpError(status) : undefined;

  return {
    result: {
      read({ status, headers, json }) {
        const error = failure(status, headers, json);
        if (error) throw error;
        return (json as { result: unknown }).result;
      },
      feedback,
      nonJsonError,
    },
    serverTime: {
      read({ status, headers, json }) {
        if (status === 429 || status >= 500) throw failure(status, headers, json)!;
        const time = orangexServerTimeOf(json, headers);
        if (time !== undefined) return time;
        throw (
          failure(status, headers, json) ??
          new CtsError('exchange.bad_response', 'OrangeX reply carries neither usOut nor a Date header', {
            status,
          })
        );
      },
      feedback,
      nonJsonError,
    },
  };
}
