import { type BucketRule, HttpLimiterStore } from '@cts/core';
import { describe, expect, it } from 'vitest';
import { startWorker, tempDir, testSecrets } from './harness.ts';

describe('LimiterObject persistence', () => {
  it('keeps counts, held slots, re-timed ends and a ban across a restart of workerd (same state directory)', async () => {
    const dir = tempDir();
    const secrets = testSecrets();
    const rule: BucketRule = { per: 'account', windows: [{ windowMs: 60_000, limit: 10 }], concurrency: 2 };
    const banned: BucketRule = { per: 'ip', windows: [{ windowMs: 60_000, limit: 100 }] };
    const now = Date.now();
    try {
      const first = await startWorker({ persistDir: dir.path, secrets });
      const s1 = new HttpLimiterStore({ url: first.url, secret: secrets.limiterSecret });
      const a = await s1.reserve('okx:acct', rule, 2, now);
      const b = await s1.reserve('okx:acct', rule, 1, now + 1);
      expect(a.ok && b.ok).toBe(true);
      if (a.ok) await s1.release('okx:acct', a.id);
      await s1.applyFeedback('okx:ip', banned, { blockUntil: now + 30_000 }, now);
      const busy: BucketRule = { per: 'ip', windows: [{ windowMs: 1000, limit: 1000 }] };
      for (let i = 0; i < 300; i++) await s1.reserve('bybit:ip', busy, 1, now + i * 10); // expired rows get pruned
      // A request that ended at +600 counts from there: its row moves (old row zeroed, new row written).
      const perSecond: BucketRule = { per: 'ip', windows: [{ windowMs: 1000, limit: 5 }] };
      const early = await s1.reserve('pionex:ip', perSecond, 1, now);
      await s1.reserve('pionex:ip', perSecond, 1, now + 100);
      if (early.ok)
        await s1.applyFeedback('pionex:ip', perSecond, { ended: { id: early.id, cost: 1 } }, now + 600);
      await s1.flushEnded();
      await first.close();

      const second = await startWorker({ persistDir: dir.path, secrets });
      const s2 = new HttpLimiterStore({ url: second.url, secret: secrets.limiterSecret });
      expect(await s2.snapshot('okx:acct', rule, now + 2)).toEqual({
        windows: [{ windowMs: 60_000, limit: 10, used: 3 }],
        inFlight: 1,
        blockedUntil: 0,
      });
      const c = await s2.reserve('okx:acct', rule, 2, now + 3);
      expect(c.ok).toBe(true);
      if (c.ok && b.ok) expect(c.id).toBeGreaterThan(b.id); // ids continue, never reused
      expect(await s2.reserve('okx:acct', rule, 1, now + 3)).toEqual({ ok: false, retryAt: null }); // 2 slots held
      expect(await s2.reserve('okx:ip', banned, 1, now + 10)).toEqual({ ok: false, retryAt: now + 30_000 });
      expect((await s2.snapshot('bybit:ip', busy, now + 2990)).windows[0]!.used).toBe(100);
      expect(await s2.reserve('bybit:ip', busy, 1, now + 3000)).toEqual({ ok: true, id: 301 });
      expect((await s2.snapshot('pionex:ip', perSecond, now + 700)).windows[0]!.used).toBe(2);
      expect((await s2.snapshot('pionex:ip', perSecond, now + 1100)).windows[0]!.used).toBe(1);
      expect((await s2.snapshot('pionex:ip', perSecond, now + 1600)).windows[0]!.used).toBe(0);
      await second.close();
    } finally {
      dir.remove();
    }
  });
});
