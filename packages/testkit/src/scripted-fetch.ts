import type { Connector, ConnectorOptions } from '@cts/core/connectors';
import type { Clock, FetchLike } from '@cts/core/ports';

/** One request a scripted fetch received, with its body read as text. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** Answers one request: a Response, or a thrown error (a network failure, an abort). */
export type ScriptedReply = (request: RecordedRequest, signal?: AbortSignal) => Response | Promise<Response>;

/** A JSON Response, for scripted replies. */
export function jsonReply(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/**
 * A fetch for unit tests that answers with `replies` in order (the last one repeats) and records every request.
 *
 * @example
 * const f = createScriptedFetch([() => jsonReply({ code: 0, data: {} })]);
 * createConnector({ ..., fetch: f.fetch }); expect(f.requests[0].url).toContain('/openApi/');
 */
export function createScriptedFetch(replies: ScriptedReply[]): {
  fetch: FetchLike;
  requests: RecordedRequest[];
} {
  if (replies.length === 0) throw new TypeError('replies: must hold at least one reply');
  const requests: RecordedRequest[] = [];
  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    const body = init?.body === undefined || init.body === null ? undefined : await request.text();
    const recorded: RecordedRequest = {
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body,
    };
    const reply = replies[Math.min(requests.length, replies.length - 1)]!;
    requests.push(recorded);
    return reply(recorded, init?.signal ?? undefined);
  };
  return { fetch, requests };
}

/**
 * A connector for unit tests: built by `create` from `options`, with a scripted fetch answering `replies` and
 * `clock` injected (both always win over `options`). Returns the clock, the connector and the recorded requests.
 *
 * @example
 * const { connector, requests } = scriptedConnector(createBybitConnector, [() => jsonReply(body)],
 *   new ManualClock(), { exchange: 'bybit', apiType: 'unified', credentials: { apiKey, apiSecret } });
 */
export function scriptedConnector<K extends Clock>(
  create: (options: ConnectorOptions) => Connector,
  replies: ScriptedReply[],
  clock: K,
  options: ConnectorOptions,
): { clock: K; connector: Connector; requests: RecordedRequest[] } {
  const scripted = createScriptedFetch(replies);
  const connector = create({ ...options, fetch: scripted.fetch, clock });
  return { clock, connector, requests: scripted.requests };
}

/**
 * Runs `promise` to completion under a manual clock: yields to the event loop, then jumps the clock to its next
 * sleeper (a retry backoff), until the promise settles. Bounded to `maxSteps`.
 */
export async function settleWithClock<T>(
  promise: Promise<T>,
  clock: { tick(): Promise<boolean> },
  maxSteps = 200,
): Promise<T> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  for (let i = 0; i < maxSteps && !settled; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (!settled) await clock.tick();
  }
  return promise;
}
