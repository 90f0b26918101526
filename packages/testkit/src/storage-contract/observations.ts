import type { TestResult } from '@cts/core/connectors';
import type { HealthSample, Storage } from '@cts/core/storage';
import { beforeEach, describe, expect, it } from 'vitest';
import { type MakeStorage, T0 } from './fixtures.ts';

function testResult(success: boolean, tag: string): TestResult {
  return {
    success,
    balance: success
      ? {
          currency: 'USDT',
          total: 10.5,
          available: 10,
          assets: [{ asset: 'USDT', total: 10.5, available: 10, locked: 0.5 }],
        }
      : null,
    permissions: success
      ? {
          read: true,
          trade: false,
          withdraw: false,
          transfer: false,
          ipRestricted: true,
          ips: ['1.2.3.4'],
          expiresAt: null,
        }
      : null,
    clockOffsetMs: success ? -12 : null,
    duration: 321,
    log: [`[2026-01-27T10:00:00.000Z] Starting test ${tag}...`, '[2026-01-27T10:00:00.321Z] Done'],
    warnings: success ? [] : ['w'],
    ...(success
      ? {}
      : { error: { code: 'auth.invalid_key', message: 'bad key', exchangeCode: 10003, hint: 'Check' } }),
  };
}

export function testResultContract(makeStorage: MakeStorage): void {
  describe('test results', () => {
    let s: Storage;
    beforeEach(async () => {
      s = await makeStorage();
    });

    it('returns a connection’s results newest first, limited, with the step log intact', async () => {
      await s.testResults.add({ id: 'r1', connectionId: 'c1', startedAt: T0, result: testResult(true, '1') });
      await s.testResults.add({
        id: 'r3',
        connectionId: 'c1',
        startedAt: T0 + 20,
        result: testResult(false, '3'),
      });
      await s.testResults.add({
        id: 'r2',
        connectionId: 'c1',
        startedAt: T0 + 10,
        result: testResult(true, '2'),
      });
      await s.testResults.add({
        id: 'x',
        connectionId: 'c2',
        startedAt: T0 + 30,
        result: testResult(true, 'x'),
      });
      const list = await s.testResults.listByConnection('c1', 10);
      expect(list.map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
      expect(list[0]).toEqual({
        id: 'r3',
        connectionId: 'c1',
        startedAt: T0 + 20,
        result: testResult(false, '3'),
      });
      expect(list[2]!.result).toEqual(testResult(true, '1'));
      expect((await s.testResults.listByConnection('c1', 2)).map((r) => r.id)).toEqual(['r3', 'r2']);
      expect(await s.testResults.listByConnection('nobody', 10)).toEqual([]);
      expect(await s.testResults.listByConnection('c1', 0)).toEqual([]);
    });

    it('deletes results started strictly before a time and counts them', async () => {
      for (const [i, t] of [0, 10, 20].entries())
        await s.testResults.add({
          id: `r${i}`,
          connectionId: 'c1',
          startedAt: T0 + t,
          result: testResult(true, `${i}`),
        });
      expect(await s.testResults.deleteOlderThan(T0 + 10)).toBe(1);
      expect((await s.testResults.listByConnection('c1', 10)).map((r) => r.id)).toEqual(['r2', 'r1']);
      expect(await s.testResults.deleteOlderThan(T0)).toBe(0);
    });
  });
}

export function healthSampleContract(makeStorage: MakeStorage): void {
  describe('health samples', () => {
    let s: Storage;
    beforeEach(async () => {
      s = await makeStorage();
    });
    const sample = (connectionId: string, at: number, success = true): HealthSample => ({
      connectionId,
      at,
      success,
      responseTimeMs: success ? 42 : 10_000,
      errorCode: success ? null : 'timeout',
    });

    it('lists samples at or after a time, oldest first, per connection', async () => {
      await s.healthSamples.add(sample('c1', T0 + 20, false));
      await s.healthSamples.add(sample('c1', T0));
      await s.healthSamples.add(sample('c1', T0 + 10));
      await s.healthSamples.add(sample('c2', T0 + 15));
      expect(await s.healthSamples.listSince('c1', T0 + 10)).toEqual([
        sample('c1', T0 + 10),
        sample('c1', T0 + 20, false),
      ]);
      expect(await s.healthSamples.listSince('c1', 0)).toHaveLength(3);
      expect(await s.healthSamples.listSince('c1', T0 + 21)).toEqual([]);
    });

    it('deletes samples strictly older than a time across connections and counts them', async () => {
      for (let i = 0; i < 25; i++) await s.healthSamples.add(sample(i % 2 ? 'c1' : 'c2', T0 + i));
      expect(await s.healthSamples.deleteOlderThan(T0 + 20)).toBe(20);
      expect((await s.healthSamples.listSince('c1', 0)).map((x) => x.at)).toEqual([T0 + 21, T0 + 23]);
      expect((await s.healthSamples.listSince('c2', 0)).map((x) => x.at)).toEqual([
        T0 + 20,
        T0 + 22,
        T0 + 24,
      ]);
      expect(await s.healthSamples.deleteOlderThan(T0 + 20)).toBe(0);
    });
  });
}
