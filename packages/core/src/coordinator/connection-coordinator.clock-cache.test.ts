import { describe, expect, it } from 'vitest';
import { createFixture } from '../../test/coordinator-fixture.ts';
import { ClockOffsetCache } from '../connectors/shared/clock-offset-cache.ts';
import type { FetchLike } from '../ports/fetch.ts';

/** A fixture whose coordinator records the URL of every exchange request. */
async function recorded(clockOffsetCache?: ClockOffsetCache | null) {
  const f = await createFixture();
  const urls: string[] = [];
  const fetch: FetchLike = (input, init) => {
    urls.push(String(input instanceof Request ? input.url : input));
    return f.sim.fetch(input, init);
  };
  const co = f.build({ fetch, ...(clockOffsetCache !== undefined ? { clockOffsetCache } : {}) });
  const ids: string[] = [];
  for (let i = 0; i < 3; i++)
    ids.push((await co.createConnection({ ...(await f.input('okx')), enabled: false })).id);
  const timeCalls = () => urls.filter((u) => u.endsWith('/api/v5/public/time')).length;
  return { f, co, ids, timeCalls };
}

describe('ConnectionCoordinator clock offset cache', () => {
  it('one clock sync serves a batch of tests on the same exchange; each test still reports the offset', async () => {
    const { co, ids, timeCalls } = await recorded();
    const summary = await co.testConnections(ids);
    expect(summary.successful).toBe(3);
    expect(timeCalls()).toBe(3);
    const last = await co.testConnection(ids[2]!);
    expect(last.success).toBe(true);
    expect(last.clockOffsetMs).not.toBeNull();
    expect(last.log.join('\n')).toMatch(/clock offset from cache \(age \d+ s\)/);
    expect(timeCalls()).toBe(3);
  });

  it('an injected cache is used as given, and null turns sharing off (every test samples 3 times)', async () => {
    const off = await recorded(null);
    // OKX's public time endpoint allows 10 per 2 s: 3 tests × 3 samples fit, no limiter needed here.
    expect((await off.co.testConnections(off.ids)).successful).toBe(3);
    expect(off.timeCalls()).toBe(9);

    const own = await recorded(undefined);
    const cache = new ClockOffsetCache({ clock: own.f.clock, ttlMs: 1000 });
    const co = own.f.build({ clockOffsetCache: cache });
    await co.testConnection(own.ids[0]!);
    expect(cache.size).toBe(1);
    expect(() => own.f.build({ clockOffsetCache: {} as ClockOffsetCache })).toThrow(
      /clockOffsetCache: expected a ClockOffsetCache or null/,
    );
  });
});
