import type { BucketRule, LimiterStore, Reservation } from '@cts/core/limiter';
import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.ts';

const T0 = Date.UTC(2026, 0, 27, 10, 0, 0);

/**
 * The behaviour every LimiterStore must show (memory, Durable Object, …). Call it from a test file:
 * `limiterStoreContract('MemoryLimiterStore', () => new MemoryLimiterStore())`.
 * Each test gets a fresh store from `create`.
 */
export function limiterStoreContract(name: string, create: () => LimiterStore | Promise<LimiterStore>): void {
  const perSecond = (limit: number, extra: Partial<BucketRule> = {}): BucketRule => ({
    per: 'account',
    windows: [{ windowMs: 1000, limit }],
    ...extra,
  });
  const reserve = async (s: LimiterStore, key: string, rule: BucketRule, cost: number, now: number) =>
    (await s.reserve(key, rule, cost, now)) as Reservation;

  describe(`LimiterStore contract: ${name}`, () => {
    it('admits up to the limit, then refuses until the oldest cost leaves the window', async () => {
      const s = await create();
      const rule = perSecond(3);
      for (let i = 0; i < 3; i++) expect((await reserve(s, 'k', rule, 1, T0 + i * 100)).ok).toBe(true);
      const refused = await reserve(s, 'k', rule, 1, T0 + 300);
      expect(refused).toEqual({ ok: false, retryAt: T0 + 1000 });
      expect((await reserve(s, 'k', rule, 1, T0 + 999)).ok).toBe(false);
      expect((await reserve(s, 'k', rule, 1, T0 + 1000)).ok).toBe(true);
      expect((await reserve(s, 'k', rule, 1, T0 + 1000)).ok).toBe(false);
    });

    it('counts weights and gives the time enough weight has left', async () => {
      const s = await create();
      const rule = perSecond(10);
      expect((await reserve(s, 'k', rule, 4, T0)).ok).toBe(true);
      expect((await reserve(s, 'k', rule, 4, T0 + 200)).ok).toBe(true);
      expect(await reserve(s, 'k', rule, 5, T0 + 300)).toEqual({ ok: false, retryAt: T0 + 1000 });
      expect(await reserve(s, 'k', rule, 9, T0 + 300)).toEqual({ ok: false, retryAt: T0 + 1200 });
      expect((await reserve(s, 'k', rule, 2, T0 + 300)).ok).toBe(true);
    });

    it('applies every window of the rule', async () => {
      const s = await create();
      const rule: BucketRule = {
        per: 'ip',
        windows: [
          { windowMs: 1000, limit: 3 },
          { windowMs: 10_000, limit: 5 },
        ],
      };
      const admitted: number[] = [];
      for (let t = T0; t < T0 + 10_000; t += 100)
        if ((await reserve(s, 'k', rule, 1, t)).ok) admitted.push(t);
      expect(admitted).toHaveLength(5);
      const refused = await reserve(s, 'k', rule, 1, T0 + 10_000);
      expect(refused.ok).toBe(true); // the first admitted (T0) left the 10 s window at T0 + 10000
    });

    it('never lets any span of a window hold more than its limit (random streams)', async () => {
      const random = seededRandom(7);
      for (let round = 0; round < 20; round++) {
        const s = await create();
        const rule: BucketRule = {
          per: 'account',
          windows: [
            { windowMs: 1000, limit: 3 + Math.floor(random() * 8) },
            { windowMs: 5000, limit: 10 + Math.floor(random() * 20) },
          ],
        };
        const log: { t: number; cost: number }[] = [];
        let t = T0;
        for (let i = 0; i < 300; i++) {
          t += Math.floor(random() * 120);
          const cost = 1 + Math.floor(random() * 3);
          const r = await reserve(s, 'k', rule, cost, t);
          if (r.ok) log.push({ t, cost });
          else expect(r.retryAt).toBeGreaterThan(t);
        }
        for (const w of rule.windows)
          for (const start of log) {
            const sum = log
              .filter((e) => e.t >= start.t && e.t < start.t + w.windowMs)
              .reduce((a, e) => a + e.cost, 0);
            expect(sum).toBeLessThanOrEqual(w.limit);
          }
      }
    });

    it('admits at exactly the retryAt it promised, not a millisecond before', async () => {
      const random = seededRandom(11);
      for (let round = 0; round < 30; round++) {
        const s = await create();
        const rule = perSecond(5);
        let t = T0;
        let refused: Reservation | undefined;
        let cost = 1;
        while (!refused || refused.ok) {
          t += Math.floor(random() * 150);
          cost = 1 + Math.floor(random() * 3);
          refused = await reserve(s, 'k', rule, cost, t);
        }
        const at = (refused as { retryAt: number }).retryAt;
        expect(at).toBeGreaterThan(t);
        expect((await reserve(s, 'k', rule, cost, at - 1)).ok).toBe(false);
        expect((await reserve(s, 'k', rule, cost, at)).ok).toBe(true);
      }
    });

    it('caps concurrency, frees a slot on release (idempotent), and keeps the cost in the window', async () => {
      const s = await create();
      const rule = perSecond(10, { concurrency: 2 });
      const a = await reserve(s, 'k', rule, 1, T0);
      const b = await reserve(s, 'k', rule, 1, T0);
      expect(a.ok && b.ok).toBe(true);
      expect(await reserve(s, 'k', rule, 1, T0)).toEqual({ ok: false, retryAt: null });
      if (!a.ok) throw new Error('unreachable');
      await s.release('k', a.id);
      await s.release('k', a.id);
      expect((await reserve(s, 'k', rule, 1, T0)).ok).toBe(true);
      expect(await reserve(s, 'k', rule, 1, T0)).toEqual({ ok: false, retryAt: null });
      const snap = await s.snapshot('k', rule, T0);
      expect(snap.inFlight).toBe(2);
      expect(snap.windows[0]).toMatchObject({ windowMs: 1000, limit: 10, used: 3 });
    });

    it('cancel undoes a reservation: its cost and its slot', async () => {
      const s = await create();
      const rule = perSecond(2, { concurrency: 1 });
      const a = await reserve(s, 'k', rule, 2, T0);
      if (!a.ok) throw new Error('expected ok');
      await s.cancel('k', a.id);
      await s.cancel('k', a.id);
      expect((await reserve(s, 'k', rule, 2, T0)).ok).toBe(true);
      expect((await s.snapshot('k', rule, T0)).windows[0]!.used).toBe(2);
    });

    it('keeps scopes apart and gives distinct ids within a scope', async () => {
      const s = await create();
      const rule = perSecond(2);
      const ids = new Set<number>();
      for (const key of ['a', 'a', 'b', 'b']) {
        const r = await reserve(s, key, rule, 1, T0);
        expect(r.ok).toBe(true);
        if (r.ok && key === 'a') ids.add(r.id);
      }
      expect(ids.size).toBe(2);
      expect((await reserve(s, 'a', rule, 1, T0)).ok).toBe(false);
      expect((await reserve(s, 'c', rule, 1, T0)).ok).toBe(true);
    });

    it('pauses a scope until blockUntil (never shortening a longer pause)', async () => {
      const s = await create();
      const rule = perSecond(100);
      await s.applyFeedback('k', rule, { blockUntil: T0 + 5000 }, T0);
      await s.applyFeedback('k', rule, { blockUntil: T0 + 2000 }, T0);
      expect(await reserve(s, 'k', rule, 1, T0 + 10)).toEqual({ ok: false, retryAt: T0 + 5000 });
      expect((await s.snapshot('k', rule, T0 + 10)).blockedUntil).toBe(T0 + 5000);
      expect((await reserve(s, 'k', rule, 1, T0 + 5000)).ok).toBe(true);
    });

    it('raises its count to the usage the exchange reports, and ignores lower reports', async () => {
      const s = await create();
      const rule = perSecond(10);
      expect((await reserve(s, 'k', rule, 3, T0)).ok).toBe(true);
      await s.applyFeedback('k', rule, { usage: [{ windowMs: 1000, used: 2 }] }, T0 + 10);
      expect((await s.snapshot('k', rule, T0 + 10)).windows[0]!.used).toBe(3);
      await s.applyFeedback('k', rule, { usage: [{ windowMs: 1000, used: 9 }] }, T0 + 10);
      expect((await s.snapshot('k', rule, T0 + 10)).windows[0]!.used).toBe(9);
      expect((await reserve(s, 'k', rule, 2, T0 + 20)).ok).toBe(false);
      expect((await reserve(s, 'k', rule, 1, T0 + 20)).ok).toBe(true);
      await s.applyFeedback('k', rule, { usage: [{ windowMs: 60_000, used: 50 }] }, T0 + 20); // no such window
      expect((await s.snapshot('k', rule, T0 + 20)).windows[0]!.used).toBe(10);
    });

    it('counts an ended request from its end (ScopeFeedback.ended), and only once', async () => {
      const s = await create();
      const rule = perSecond(2);
      const a = await reserve(s, 'k', rule, 1, T0);
      expect((await reserve(s, 'k', rule, 1, T0 + 100)).ok).toBe(true);
      if (!a.ok) throw new Error('first reservation refused');
      // The reply came at +600: the exchange may have counted it then, so it counts until +1600, not +1000.
      await s.applyFeedback('k', rule, { ended: { id: a.id, cost: 1 } }, T0 + 600);
      expect(await reserve(s, 'k', rule, 1, T0 + 1000)).toEqual({ ok: false, retryAt: T0 + 1100 });
      expect((await s.snapshot('k', rule, T0 + 1000)).windows[0]!.used).toBe(2);
      expect((await reserve(s, 'k', rule, 1, T0 + 1100)).ok).toBe(true);
      expect(await reserve(s, 'k', rule, 1, T0 + 1200)).toEqual({ ok: false, retryAt: T0 + 1600 });
      expect((await reserve(s, 'k', rule, 1, T0 + 1600)).ok).toBe(true);
    });

    it('snapshots usage that slides out of the window', async () => {
      const s = await create();
      const rule = perSecond(10, { concurrency: 5 });
      await reserve(s, 'k', rule, 4, T0);
      await reserve(s, 'k', rule, 1, T0 + 600);
      expect(await s.snapshot('k', rule, T0 + 999)).toEqual({
        windows: [{ windowMs: 1000, limit: 10, used: 5 }],
        inFlight: 2,
        blockedUntil: 0,
      });
      expect((await s.snapshot('k', rule, T0 + 1000)).windows[0]!.used).toBe(1);
      expect((await s.snapshot('fresh', rule, T0)).windows[0]!.used).toBe(0);
    });

    it('admits exactly the limit when many reservations arrive at once', async () => {
      const s = await create();
      const rule = perSecond(10);
      const results = await Promise.all(Array.from({ length: 40 }, () => s.reserve('k', rule, 1, T0)));
      expect(results.filter((r) => r.ok)).toHaveLength(10);
    });

    it('refuses a cost larger than a window limit with a RangeError', async () => {
      const s = await create();
      await expect(async () => s.reserve('k', perSecond(5), 6, T0)).rejects.toThrow(RangeError);
    });
  });
}
