import { CtsError, networkError, toCtsError } from '../../errors/cts-error.ts';
import type { ExchangeId } from '../../exchanges/catalog.ts';
import type { LimitFeedback, RequestGate } from '../../limiter/gate.ts';
import type { Clock } from '../../ports/clock.ts';
import type { FetchLike } from '../../ports/fetch.ts';
import type { Logger } from '../../ports/logger.ts';
import { createBackoff } from '../../retry/backoff.ts';
import type { CallOptions } from '../types.ts';
import { Deadline } from './deadline.ts';

/** A request ready to send: the signer's output. */
export interface HttpSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The exchange's real path (or JSON-RPC method), for the limiter and logs. */
  path: string;
}

/** How one exchange's replies read. */
export interface ReplyReader<T> {
  /** Returns the payload, or throws the mapped CtsError for an error reply. */
  read(reply: { status: number; headers: Headers; json: unknown; text: string }): T;
  /** Rate-limit usage, 429s and bans from the reply. `text` is the raw body (non-JSON bans, HTML error pages). */
  feedback(reply: { status: number; headers: Headers; json: unknown; text?: string }): LimitFeedback;
  /**
   * Optional: the error for a reply that is not JSON (an empty 401, a text 403 ban), instead of the generic
   * `exchange.bad_response`. Return undefined to keep the generic error.
   */
  nonJsonError?(reply: { status: number; headers: Headers; text: string }): CtsError | undefined;
}

export interface HttpContext {
  exchange: ExchangeId;
  account: string;
  fetch: FetchLike;
  clock: Clock;
  limiter: RequestGate;
  timeoutMs: number;
  maxRetries: number;
  logger: Logger;
  priority?: number;
  signal?: AbortSignal;
  /** Called when the exchange rejects a request's timestamp (auth.timestamp): drops a shared clock offset. */
  onTimestampRejected?: () => void;
  /**
   * Called with the clock's time each time a request is handed to fetch (after its limiter permit, per attempt):
   * a clock sample's round trip starts here, not before its wait in the limiter queue.
   */
  onSent?: (at: number) => void;
}

/** The HTTP context of one call: `ctx` with the call's signal (beside ctx's own) and limiter priority. */
export function forCall(ctx: HttpContext, call?: CallOptions): HttpContext {
  if (!call || (call.signal === undefined && call.priority === undefined)) return ctx;
  const signal = anySignal(ctx.signal, call.signal);
  return {
    ...ctx,
    ...(signal ? { signal } : {}),
    ...(call.priority !== undefined ? { priority: call.priority } : {}),
  };
}

/** The longest wait `send` sits out before a retry; longer waits are the caller's (breaker's) to schedule. */
export const MAX_RETRY_WAIT_MS = 10_000;

/** Parses Retry-After (delta seconds or HTTP date) into ms. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Sends a request through the limiter, reads it with the exchange's reader, and retries retryable failures with
 * decorrelated-jitter backoff, all within ONE deadline of `timeoutMs` (every attempt and retry sleep; armed at the
 * first permit): a hung exchange costs `timeoutMs`, not that per attempt. `build` is called per attempt so each
 * attempt is signed with a fresh timestamp. `ctx.signal` cancels it at once (queued, sending or sleeping: no
 * further attempt), `ctx.priority` orders it in the limiter's queue.
 */
export async function send<T>(
  ctx: HttpContext,
  route: { method: HttpSpec['method']; path: string },
  build: () => Promise<HttpSpec>,
  reader: ReplyReader<T>,
): Promise<T> {
  const backoff = createBackoff();
  const deadline = new Deadline(ctx.clock, ctx.timeoutMs);
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptOnce(ctx, route, build, reader, deadline);
    } catch (err) {
      const error = settle(ctx, deadline, err);
      if (error.code === 'auth.timestamp') ctx.onTimestampRejected?.();
      // A wait longer than MAX_RETRY_WAIT_MS (a ban, a long Retry-After) is not sat out inside one call: the
      // error goes up with its retryAfterMs, so the breaker can set its cool-down to exactly that.
      const wait = Math.max(error.retryAfterMs ?? 0, backoff());
      if (
        !error.retryable ||
        attempt >= ctx.maxRetries ||
        error.code.startsWith('limiter.') ||
        (error.retryAfterMs ?? 0) > MAX_RETRY_WAIT_MS ||
        deadline.expired ||
        wait >= deadline.remaining()
      )
        throw error;
      ctx.logger.debug('retrying exchange request', {
        exchange: ctx.exchange,
        code: error.code,
        attempt: attempt + 1,
        waitMs: wait,
      });
      await ctx.clock.sleep(wait, ctx.signal).catch((e) => {
        throw settle(ctx, deadline, e);
      });
    }
  }
}

/** The error to report: cancelled by the caller, past the deadline, or what the attempt threw. */
function settle(ctx: HttpContext, deadline: Deadline, err: unknown): CtsError {
  if (ctx.signal?.aborted) return new CtsError('aborted', 'The request was cancelled', { cause: err });
  if (deadline.expired)
    return new CtsError('timeout', `${ctx.exchange} did not answer within ${ctx.timeoutMs} ms`, {
      cause: err,
    });
  return toCtsError(err);
}

function anySignal(...signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  return present.length <= 1 ? present[0] : AbortSignal.any(present);
}

async function attemptOnce<T>(
  ctx: HttpContext,
  route: { method: HttpSpec['method']; path: string },
  build: () => Promise<HttpSpec>,
  reader: ReplyReader<T>,
  deadline: Deadline,
): Promise<T> {
  const permit = await ctx.limiter.acquire({
    exchange: ctx.exchange,
    account: ctx.account,
    method: route.method,
    path: route.path,
    priority: ctx.priority,
    signal: anySignal(ctx.signal, deadline.armed ? deadline.attemptSignal() : undefined),
  });
  deadline.arm();
  let feedback: LimitFeedback | undefined;
  try {
    // Signed after the permit, so time spent queueing does not eat into the signature's validity window.
    const spec = await build();
    const signal = anySignal(ctx.signal, deadline.attemptSignal());
    let response: Response;
    let text: string;
    ctx.onSent?.(ctx.clock.now());
    try {
      response = await ctx.fetch(spec.url, {
        method: spec.method,
        headers: spec.headers,
        body: spec.body,
        signal,
        // Never follow: a redirect would re-send the key, passphrase and a fresh signature to another host.
        redirect: 'manual',
      });
      text = await response.text();
    } catch (err) {
      if (signal?.aborted) throw settle(ctx, deadline, err);
      throw networkError(err);
    }
    let json: unknown;
    try {
      json = text.length ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    feedback = reader.feedback({ status: response.status, headers: response.headers, json, text });
    try {
      return readReply(ctx, reader, spec.url, response, text, json);
    } catch (err) {
      throw withLimits(toCtsError(err), feedback);
    }
  } finally {
    permit.release(feedback);
  }
}

function readReply<T>(
  ctx: HttpContext,
  reader: ReplyReader<T>,
  url: string,
  response: Response,
  text: string,
  json: unknown,
): T {
  if ((response.status >= 300 && response.status < 400) || response.type === 'opaqueredirect')
    throw redirectError(ctx.exchange, url, response);
  if (json === undefined && response.status < 500 && response.status !== 429 && response.status !== 418) {
    const specific = reader.nonJsonError?.({ status: response.status, headers: response.headers, text });
    if (specific) throw specific;
    throw new CtsError(
      'exchange.bad_response',
      `${ctx.exchange} sent a reply that is not JSON (HTTP ${response.status})`,
      { status: response.status },
    );
  }
  return reader.read({ status: response.status, headers: response.headers, json, text });
}

/** The reply's limit feedback (Retry-After, a ban's end) carried on the error itself, for the breaker. */
function withLimits(error: CtsError, feedback: LimitFeedback): CtsError {
  const retryAfterMs = error.retryAfterMs ?? feedback.retryAfterMs;
  const bannedUntil = error.bannedUntil ?? feedback.bannedUntil;
  if (retryAfterMs === error.retryAfterMs && bannedUntil === error.bannedUntil) return error;
  return error.with({ retryAfterMs, bannedUntil });
}

/** A 3xx reply: an error naming only the host it pointed to (the Location's path and query may carry anything). */
export function redirectError(exchange: string, requestUrl: string, response: Response): CtsError {
  let target = 'an unreadable location';
  try {
    const location = response.headers.get('location');
    if (location) target = new URL(location, requestUrl).host || target;
  } catch {
    // keep the generic wording
  }
  return new CtsError('exchange.redirect', `${exchange} answered HTTP ${response.status} (a redirect)`, {
    status: response.status,
    hint: `The exchange answered with a redirect to ${target}, which CTS does not follow (it would re-send the key): check the base URL or region.`,
  });
}
