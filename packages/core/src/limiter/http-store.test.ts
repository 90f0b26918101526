import { describe, expect, it } from 'vitest';
import { CtsError } from '../errors/cts-error.ts';
import type { FetchLike } from '../ports/fetch.ts';
import { HttpLimiterStore } from './http-store.ts';
import type { BucketRule } from './rules/types.ts';

const SECRET = 's'.repeat(40);
const rule: BucketRule = { per: 'ip', windows: [{ windowMs: 1000, limit: 5 }] };

function recording(reply: (url: string, body: Record<string, unknown>) => Response | Promise<Response>) {
  const calls: { url: string; headers: Headers; body: Record<string, unknown> }[] = [];
  const fetch: FetchLike = async (input, init) => {
    const body = JSON.parse(String(init?.body));
    calls.push({ url: String(input), headers: new Headers(init?.headers), body });
    return reply(String(input), body);
  };
  return { calls, fetch };
}

describe('HttpLimiterStore', () => {
  it('posts each operation to <url>/limiter/<op> with the bearer secret and the namespaced key', async () => {
    const { calls, fetch } = recording((url) =>
      Response.json(url.endsWith('/reserve') ? { ok: true, id: 7 } : { ok: true }),
    );
    const s = new HttpLimiterStore({
      url: 'https://cts.example/',
      secret: SECRET,
      fetch,
      namespace: 'fleet-a',
    });
    expect(await s.reserve('binance|ip', rule, 2, 1000)).toEqual({ ok: true, id: 7 });
    await s.release('binance|ip', 7);
    await s.applyFeedback('binance|ip', rule, { blockUntil: 5000 }, 1001);
    expect(calls.map((c) => c.url)).toEqual([
      'https://cts.example/limiter/reserve',
      'https://cts.example/limiter/release',
      'https://cts.example/limiter/feedback',
    ]);
    expect(calls[0]!.headers.get('authorization')).toBe(`Bearer ${SECRET}`);
    expect(calls[0]!.body).toEqual({ key: 'fleet-a:binance|ip', rule, cost: 2, now: 1000 });
    expect(calls[1]!.body).toEqual({ key: 'fleet-a:binance|ip', id: 7 });
    expect(calls[2]!.body).toMatchObject({ feedback: { blockUntil: 5000 } });
  });

  it('throws a RangeError for a range reply, a TypeError for invalid input, CtsErrors otherwise (no secret)', async () => {
    const replies: Record<string, Response> = {
      range: Response.json(
        { error: { code: 'range', message: 'cost 9 exceeds the window limit 5' } },
        { status: 400 },
      ),
      invalid: Response.json(
        { error: { code: 'invalid', message: 'rule.windows: expected…' } },
        { status: 400 },
      ),
      auth: Response.json({ error: { code: 'unauthorized' } }, { status: 401 }),
      down: new Response('bad gateway', { status: 502 }),
    };
    const errorFor = async (name: string) => {
      const { fetch } = recording(() => replies[name]!);
      const s = new HttpLimiterStore({ url: 'http://127.0.0.1:1', secret: SECRET, fetch });
      return s.reserve('k', rule, 9, 0).catch((e: unknown) => e);
    };
    expect(await errorFor('range')).toBeInstanceOf(RangeError);
    expect(await errorFor('invalid')).toBeInstanceOf(TypeError);
    const auth = (await errorFor('auth')) as CtsError;
    expect(auth).toBeInstanceOf(CtsError);
    expect([auth.code, auth.status, auth.retryable]).toEqual(['network', 401, false]);
    expect(auth.hint).toContain('CTS_LIMITER_SECRET');
    const down = (await errorFor('down')) as CtsError;
    expect([down.code, down.retryable]).toEqual(['network', true]);
    for (const e of [auth, down])
      expect(JSON.stringify({ ...e, m: e.message, h: e.hint })).not.toContain(SECRET);
  });

  it('maps an unreachable Worker to network and a silent one to timeout', async () => {
    const refused = new HttpLimiterStore({
      url: 'http://127.0.0.1:1',
      secret: SECRET,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    expect(await refused.snapshot('k', rule, 0).catch((e: CtsError) => e.code)).toBe('network');
    const silent = new HttpLimiterStore({
      url: 'http://127.0.0.1:1',
      secret: SECRET,
      // What fetch rejects with when the store's AbortSignal.timeout fires (no real waiting here).
      fetch: async () => {
        throw new DOMException('The operation timed out.', 'TimeoutError');
      },
    });
    expect(await silent.cancel('k', 1).catch((e: CtsError) => e.code)).toBe('timeout');
  });

  it('validates its options with TypeErrors naming the field', () => {
    expect(() => new HttpLimiterStore({ url: 'ftp://x', secret: SECRET })).toThrow(/url/);
    expect(() => new HttpLimiterStore({ url: 'https://x', secret: 'short' })).toThrow(/secret/);
    expect(() => new HttpLimiterStore({ url: 'https://x', secret: SECRET, timeoutMs: 0 })).toThrow(
      /timeoutMs/,
    );
  });
});
