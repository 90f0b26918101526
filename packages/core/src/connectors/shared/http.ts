import { CtsError, toCtsError } from '../../errors/cts-error.ts';
import type { ExchangeId } from '../../exchanges/catalog.ts';
import type { LimitFeedback, RequestGate } from '../../limiter/gate.ts';
import type { Clock } from '../../ports/clock.ts';
import type { FetchLike } from '../../ports/fetch.ts';
import type { Logger } from '../../ports/logger.ts';
import { createBackoff } from '../../retry/backoff.ts';

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
 * Sends a request through the limiter with a timeout, reads it with the exchange's reader, and retries
 * retryable failures with decorrelated-jitter backoff. `build` is called per attempt so each attempt is
 * signed with a fresh timestamp.
 */
export async function send<T>(
  ctx: HttpContext,
  route: { method: HttpSpec['method']; path: string },
  build: () => Promise<HttpSpec>,
  reader: ReplyReader<T>,
): Promise<T> {
  const backoff = createBackoff();
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptOnce(ctx, route, build, reader);
    } catch (err) {
      const error = toCtsError(err);
      if (error.code === 'auth.timestamp') ctx.onTimestampRejected?.();
      // A wait longer than MAX_RETRY_WAIT_MS (a ban, a long Retry-After) is not sat out inside one call: the
      // error goes up with its retryAfterMs, so the breaker can set its cool-down to exactly that.
      if (
        !error.retryable ||
        attempt >= ctx.maxRetries ||
        error.code.startsWith('limiter.') ||
        (error.retryAfterMs ?? 0) > MAX_RETRY_WAIT_MS ||
        ctx.signal?.aborted
      )
        throw error;
      const wait = Math.max(error.retryAfterMs ?? 0, backoff());
      ctx.logger.debug('retrying exchange request', {
        exchange: ctx.exchange,
        code: error.code,
        attempt: attempt + 1,
        waitMs: wait,
      });
      await ctx.clock.sleep(wait, ctx.signal);
    }
  }
}

async function attemptOnce<T>(
  ctx: HttpContext,
  route: { method: HttpSpec['method']; path: string },
  build: () => Promise<HttpSpec>,
  reader: ReplyReader<T>,
): Promise<T> {
  const permit = await ctx.limiter.acquire({
    exchange: ctx.exchange,
    account: ctx.account,
    method: route.method,
    path: route.path,
    priority: ctx.priority,
    signal: ctx.signal,
  });
  let feedback: LimitFeedback | undefined;
  try {
    // Signed after the permit, so time spent queueing does not eat into the signature's validity window.
    const spec = await build();
    const timeout = AbortSignal.timeout(ctx.timeoutMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await ctx.fetch(spec.url, {
        method: spec.method,
        headers: spec.headers,
        body: spec.body,
        signal,
        // Never follow: a redirect would re-send the key, passphrase and a fresh signature to another host.
        redirect: 'manual',
      });
    } catch (err) {
      if (timeout.aborted)
        throw new CtsError('timeout', `${ctx.exchange} did not answer within ${ctx.timeoutMs} ms`, {
          cause: err,
        });
      throw err;
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text.length ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    feedback = reader.feedback({ status: response.status, headers: response.headers, json, text });
    if ((response.status >= 300 && response.status < 400) || response.type === 'opaqueredirect')
      throw redirectError(ctx.exchange, spec.url, response);
    if (json === undefined && response.status < 500 && response.status !== 429 && response.status !== 418) {
      const specific = reader.nonJsonError?.({ status: response.status, headers: response.headers, text });
      if (specific) throw specific;
      throw new CtsError(
        'exchange.bad_response',
        `${ctx.exchange} sent a reply that is not JSON (HTTP ${response.status})`,
        {
          status: response.status,
        },
      );
    }
    return reader.read({ status: response.status, headers: response.headers, json, text });
  } finally {
    permit.release(feedback);
  }
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
