import { CtsError } from '../../errors/cts-error.ts';
import type { LimitFeedback } from '../../limiter/gate.ts';
import type { Clock } from '../../ports/clock.ts';
import { asRecord } from '../shared/amount.ts';
import { parseRetryAfter, type ReplyReader } from '../shared/http.ts';
import { PIONEX_BAN_EXTENSION_MS, PIONEX_BAN_MS } from './endpoints.ts';
import { pionexError, pionexHttpError } from './errors.ts';

/** A Pionex reply body: `{result, data, code, message, timestamp}`. */
export interface PionexEnvelope {
  data: unknown;
  /** Server time in epoch ms; every Pionex reply carries it (PX-OAS BaseResponse). */
  timestamp?: number;
}

/** The readers of one connector: they share what they learnt about the current ban. */
export interface PionexReaders {
  /** Success replies → envelope; error replies → mapped CtsError. */
  envelope: ReplyReader<PionexEnvelope>;
  /** Any JSON reply that carries `timestamp` (even an auth error) → the server time; 429/5xx still throw. */
  serverTime: ReplyReader<number>;
  /** Epoch ms until which Pionex bans us, as far as we know. */
  readonly bannedUntil: number;
}

function timestampOf(body: Record<string, unknown> | undefined): number | undefined {
  const t = Number(body?.timestamp);
  return Number.isFinite(t) && t > 0 ? t : undefined;
}

export function createPionexReaders(clock: Clock): PionexReaders {
  let bannedUntil = 0;

  const feedback: ReplyReader<unknown>['feedback'] = ({ status, headers }) => {
    const result: LimitFeedback = { status };
    if (status !== 429) return result;
    const now = clock.now();
    // A 429 during a ban we know of extends it by 10 s; otherwise a new 60 s ban starts.
    bannedUntil = bannedUntil > now ? bannedUntil + PIONEX_BAN_EXTENSION_MS : now + PIONEX_BAN_MS;
    const retryAfterMs = parseRetryAfter(headers.get('retry-after'), now);
    if (retryAfterMs !== undefined) bannedUntil = Math.max(bannedUntil, now + retryAfterMs);
    result.rateLimited = true;
    result.retryAfterMs = bannedUntil - now;
    result.bannedUntil = bannedUntil;
    return result;
  };

  const failure = (status: number, body: Record<string, unknown> | undefined): CtsError | undefined => {
    const now = clock.now();
    if (status === 429) return pionexHttpError(status, Math.max(bannedUntil - now, 0) || PIONEX_BAN_MS);
    if (status >= 500) return pionexHttpError(status);
    if (body?.result === false || (typeof body?.code === 'string' && body.result !== true)) {
      const message = typeof body?.message === 'string' ? body.message : '';
      return pionexError(String(body?.code ?? 'UNKNOWN'), message, { status });
    }
    if (status >= 400) return pionexHttpError(status);
    if (body?.result !== true)
      return new CtsError(
        'exchange.bad_response',
        'Pionex sent a reply without the {result, data} envelope',
        {
          status,
        },
      );
    return undefined;
  };

  return {
    get bannedUntil() {
      return bannedUntil;
    },
    envelope: {
      read({ status, json }) {
        const body = asRecord(json);
        const error = failure(status, body);
        if (error) throw error;
        return { data: body!.data, timestamp: timestampOf(body) };
      },
      feedback,
      nonJsonError: ({ status }) => (status >= 400 ? pionexHttpError(status) : undefined),
    },
    serverTime: {
      read({ status, json }) {
        const body = asRecord(json);
        if (status === 429 || status >= 500) throw failure(status, body)!;
        const timestamp = timestampOf(body);
        if (timestamp !== undefined) return timestamp;
        throw (
          failure(status, body) ??
          new CtsError('exchange.bad_response', 'Pionex reply carries no timestamp', { status })
        );
      },
      feedback,
      nonJsonError: ({ status }) => (status >= 400 ? pionexHttpError(status) : undefined),
    },
  };
}
