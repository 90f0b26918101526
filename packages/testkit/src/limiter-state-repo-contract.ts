import type { LimiterStateRepo } from '@cts/core/limiter';
import { describe, expect, it } from 'vitest';

const T0 = Date.UTC(2026, 0, 27, 10, 0, 0);

/**
 * The behaviour every LimiterStateRepo must show (memory, libSQL). Each test gets a fresh, empty repo from `create`.
 */
export function limiterStateRepoContract(
  name: string,
  create: () => LimiterStateRepo | Promise<LimiterStateRepo>,
): void {
  describe(`LimiterStateRepo contract: ${name}`, () => {
    it('loads null before the first save', async () => {
      expect(await (await create()).load()).toBeNull();
    });

    it('loads the newest mark and every scope saved since, deletes applied', async () => {
      const repo = await create();
      const a = {
        key: 'binance|ip|127.0.0.1',
        times: [T0, T0 + 5],
        costs: [1, 20],
        blockedUntil: 0,
        savedAt: T0,
      };
      const b = { key: 'okx|acct|k', times: [T0 + 1], costs: [2], blockedUntil: T0 + 9000, savedAt: T0 };
      await repo.save({ savedAt: T0, clean: false, intervalMs: 1000, upserts: [a, b], deletes: [] });
      const a2 = { ...a, times: [T0 + 5, T0 + 900], costs: [20, 3], savedAt: T0 + 1000 };
      const c = {
        key: 'bybit|acct|z',
        times: [],
        costs: [],
        blockedUntil: 0,
        savedAt: T0,
        lostAt: T0 + 2000,
      };
      await repo.save({
        savedAt: T0 + 1000,
        clean: true,
        intervalMs: 1000,
        upserts: [a2, c],
        deletes: ['okx|acct|k'],
      });
      const loaded = await repo.load();
      expect(loaded).toMatchObject({ savedAt: T0 + 1000, clean: true, intervalMs: 1000 });
      expect(loaded!.scopes.sort((x, y) => x.key.localeCompare(y.key))).toEqual([a2, c]);
    });

    it('saves thousands of scopes in one call', async () => {
      const repo = await create();
      const upserts = Array.from({ length: 5000 }, (_, i) => ({
        key: `k${i}`,
        times: [T0 + i],
        costs: [1],
        blockedUntil: 0,
        savedAt: T0 + 5000,
      }));
      await repo.save({ savedAt: T0 + 5000, clean: false, intervalMs: 500, upserts, deletes: [] });
      expect((await repo.load())!.scopes).toHaveLength(5000);
    });
  });
}
