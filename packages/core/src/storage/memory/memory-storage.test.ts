import { describe, expect, it } from 'vitest';
import type { ConnectionWrite } from '../ports.ts';
import { VersionConflictError } from '../ports.ts';
import { createMemoryStorage } from './memory-storage.ts';

const fields: ConnectionWrite = {
  name: 'Main',
  exchange: 'bybit',
  api_type: 'spot',
  margin_type: null,
  position_mode: null,
  is_testnet: false,
  environment: 'mainnet',
  key_type: 'hmac',
  api_key_masked: 'abcd…wxyz',
  state: 'disabled',
  last_test_at: null,
  last_test_success: null,
  last_error: null,
  last_balance: null,
  last_balance_currency: null,
  key_audit: null,
};
const blob = { keyId: 'k1', iv: 'aXY=', ciphertext: 'Y3Q=' };

describe('createMemoryStorage', () => {
  it('bumps versions, refuses stale ones and derives the flags', async () => {
    const s = createMemoryStorage();
    const created = await s.connections.create('c1', fields, blob, 10);
    expect(created).toMatchObject({ version: 1, is_enabled: false, is_active: false, created_at: 10 });
    const updated = await s.connections.update('c1', { state: 'active' }, { now: 20, expectedVersion: 1 });
    expect(updated).toMatchObject({ version: 2, is_enabled: true, is_active: true, updated_at: 20 });
    await expect(s.connections.update('c1', { name: 'x' }, { now: 30, expectedVersion: 1 })).rejects.toThrow(
      VersionConflictError,
    );
    expect(await s.connections.update('nope', { name: 'x' }, { now: 30 })).toBeNull();
    updated!.name = 'mutated outside';
    expect((await s.connections.get('c1'))?.name).toBe('Main');
  });

  it('cascades a deletion to test results and health samples', async () => {
    const s = createMemoryStorage();
    await s.connections.create('c1', fields, blob, 0);
    await s.healthSamples.add({ connectionId: 'c1', at: 5, success: true, responseTimeMs: 12.5 });
    await s.testResults.add({
      id: 't1',
      connectionId: 'c1',
      startedAt: 5,
      result: {
        success: true,
        balance: null,
        permissions: null,
        clockOffsetMs: 0,
        duration: 1,
        log: [],
        warnings: [],
      },
    });
    expect(await s.connections.delete('c1')).toBe(true);
    expect(await s.connections.delete('c1')).toBe(false);
    expect(await s.healthSamples.listSince('c1', 0)).toEqual([]);
    expect(await s.testResults.listByConnection('c1', 10)).toEqual([]);
  });

  it('keeps health samples in time order with their error codes, and drops old ones', async () => {
    const s = createMemoryStorage();
    for (let i = 0; i < 100; i++)
      await s.healthSamples.add({
        connectionId: 'c1',
        at: i * 10,
        success: i % 3 !== 0,
        responseTimeMs: i,
        errorCode: i % 3 === 0 ? 'timeout' : null,
      });
    await s.healthSamples.add({
      connectionId: 'c1',
      at: 15,
      success: false,
      responseTimeMs: 1,
      errorCode: 'banned',
    });
    const all = await s.healthSamples.listSince('c1', 0);
    expect(all).toHaveLength(101);
    expect(all.map((x) => x.at)).toEqual([...all.map((x) => x.at)].sort((a, b) => a - b));
    expect(all[2]).toMatchObject({ at: 15, errorCode: 'banned', success: false });
    expect(all[3]).toMatchObject({ at: 20, errorCode: null, success: true });
    expect(await s.healthSamples.deleteOlderThan(500)).toBe(51);
    expect((await s.healthSamples.listSince('c1', 0))[0]?.at).toBe(500);
  });
});
