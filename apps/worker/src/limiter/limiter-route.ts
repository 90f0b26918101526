import {
  type BucketRule,
  type EndedEntry,
  LIMITER_HTTP_OPERATIONS,
  type LimiterHttpOperation,
  type LimiterStore,
  MAX_ENDED_PER_CALL,
  type ScopeFeedback,
  validateBucket,
} from '@cts/core/limiter';
import { Hono } from 'hono';
import { sameSecret } from './same-secret.ts';

interface Body {
  key?: unknown;
  rule?: unknown;
  cost?: unknown;
  now?: unknown;
  id?: unknown;
  feedback?: unknown;
  ended?: unknown;
}

/** A store that applies a batch of ends in one step (DurableObjectLimiterStore: one RPC, one transaction). */
export interface EndedSink {
  applyEnded(key: string, rule: BucketRule, ended: EndedEntry[]): Promise<void> | void;
}

const MAX_KEY = 512;

function invalid(message: string): Response {
  return Response.json({ error: { code: 'invalid', message } }, { status: 400 });
}

function num(name: string, v: unknown, min = Number.NEGATIVE_INFINITY): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min)
    throw new TypeError(
      `${name}: expected a finite number${min > Number.NEGATIVE_INFINITY ? ` >= ${min}` : ''}`,
    );
  return v;
}

function feedbackOf(v: unknown): ScopeFeedback {
  if (!v || typeof v !== 'object') throw new TypeError('feedback: expected an object');
  const f = v as ScopeFeedback;
  const out: ScopeFeedback = {};
  if (f.blockUntil !== undefined) out.blockUntil = num('feedback.blockUntil', f.blockUntil);
  if (f.usage !== undefined) {
    if (!Array.isArray(f.usage) || f.usage.length > 16)
      throw new TypeError('feedback.usage: expected up to 16 entries');
    out.usage = f.usage.map((u, i) => ({
      windowMs: num(`feedback.usage[${i}].windowMs`, u?.windowMs, 1),
      used: num(`feedback.usage[${i}].used`, u?.used, 0),
    }));
  }
  if (f.ended !== undefined) {
    const e = f.ended as { id?: unknown; cost?: unknown } | null;
    out.ended = { id: id('feedback.ended.id', e?.id), cost: num('feedback.ended.cost', e?.cost, 0) };
  }
  return out;
}

function id(name: string, v: unknown): number {
  if (!Number.isSafeInteger(v) || (v as number) < 0) throw new TypeError(`${name}: expected an integer >= 0`);
  return v as number;
}

/** The `ended` field: requests' ends, each counted from its `at` on (HttpLimiterStore batches them). */
function endedOf(v: unknown): EndedEntry[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > MAX_ENDED_PER_CALL)
    throw new TypeError(`ended: expected up to ${MAX_ENDED_PER_CALL} entries`);
  return v.map((e, i) => ({
    id: id(`ended[${i}].id`, e?.id),
    cost: num(`ended[${i}].cost`, e?.cost, 0),
    at: num(`ended[${i}].at`, e?.at),
  }));
}

async function applyEnded(
  store: LimiterStore & Partial<EndedSink>,
  key: string,
  rule: BucketRule,
  ended: EndedEntry[],
): Promise<void> {
  if (ended.length === 0) return;
  if (store.applyEnded) return store.applyEnded(key, rule, ended);
  for (const e of ended) await store.applyFeedback(key, rule, { ended: { id: e.id, cost: e.cost } }, e.at);
}

/**
 * The shared limiter over HTTP: `POST /limiter/<reserve|release|cancel|feedback|snapshot>` with a JSON body, the
 * wire protocol of core's HttpLimiterStore. Authenticated with `Authorization: Bearer <CTS_LIMITER_SECRET>`
 * (compared in constant time); without a configured secret every call is refused with 404. A reserve, feedback or
 * snapshot may carry `ended: [{id, cost, at}]`: requests' ends, each re-counted from its reply (core's
 * ScopeFeedback.ended), applied before the call itself.
 */
export function createLimiterRoute(deps: {
  store: LimiterStore & Partial<EndedSink>;
  secret: string | undefined;
}): Hono {
  const app = new Hono();
  app.post('/limiter/:op', async (c) => {
    if (!deps.secret)
      return c.json({ error: { code: 'not_found', message: 'The shared limiter is off' } }, 404);
    const auth = c.req.header('authorization') ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!(await sameSecret(given, deps.secret)))
      return c.json({ error: { code: 'unauthorized', message: 'Bad or missing limiter secret' } }, 401);
    const op = c.req.param('op') as LimiterHttpOperation;
    if (!LIMITER_HTTP_OPERATIONS.includes(op))
      return c.json({ error: { code: 'not_found', message: `No limiter operation ${op}` } }, 404);
    let body: Body;
    try {
      body = (await c.req.json()) as Body;
    } catch {
      return invalid('body: expected JSON');
    }
    try {
      const key = body?.key;
      if (typeof key !== 'string' || key === '' || key.length > MAX_KEY)
        throw new TypeError(`key: expected a string of 1..${MAX_KEY} characters`);
      const store = deps.store;
      if (op === 'release' || op === 'cancel') {
        const id = num('id', body.id, 0);
        await (op === 'release' ? store.release(key, id) : store.cancel(key, id));
        return c.json({ ok: true });
      }
      const rule = body.rule as BucketRule;
      validateBucket('rule', rule);
      const now = num('now', body.now);
      // A call may carry ends of earlier requests on this scope: applied first, so this call's decision sees them.
      await applyEnded(store, key, rule, endedOf(body.ended));
      if (op === 'reserve') return c.json(await store.reserve(key, rule, num('cost', body.cost, 0), now));
      if (op === 'snapshot') return c.json(await store.snapshot(key, rule, now));
      await store.applyFeedback(key, rule, feedbackOf(body.feedback), now);
      return c.json({ ok: true });
    } catch (err) {
      if (err instanceof RangeError) return c.json({ error: { code: 'range', message: err.message } }, 400);
      if (err instanceof TypeError) return invalid(err.message);
      throw err;
    }
  });
  return app;
}
