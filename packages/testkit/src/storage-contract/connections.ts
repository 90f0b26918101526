import { type Storage, VersionConflictError } from '@cts/core/storage';
import { beforeEach, describe, expect, it } from 'vitest';
import { blob, connectionFields, type MakeStorage, T0 } from './fixtures.ts';

export function connectionContract(makeStorage: MakeStorage): void {
  describe('connections', () => {
    let s: Storage;
    beforeEach(async () => {
      s = await makeStorage();
    });

    it('creates a record with derived flags, timestamps and version 1, and its credentials', async () => {
      const created = await s.connections.create('c1', connectionFields(), blob('a'), T0);
      expect(created).toEqual({
        id: 'c1',
        ...connectionFields(),
        is_enabled: false,
        is_active: false,
        created_at: T0,
        updated_at: T0,
        version: 1,
      });
      expect(await s.connections.get('c1')).toEqual(created);
      expect(await s.connections.getCredentials('c1')).toEqual(blob('a'));
    });

    it('stores the region of a connection and changes it on update', async () => {
      await s.connections.create('c1', connectionFields({ exchange: 'okx', region: 'eea' }), blob('a'), T0);
      expect((await s.connections.get('c1'))?.region).toBe('eea');
      const updated = await s.connections.update('c1', { region: 'us' }, { now: T0 + 1 });
      expect(updated?.region).toBe('us');
      expect((await s.connections.get('c1'))?.region).toBe('us');
    });

    it('round-trips every field, including nulls, booleans and the last error object', async () => {
      const fields = connectionFields({
        exchange: 'okx',
        api_type: 'perpetual_futures',
        margin_type: null,
        position_mode: 'hedge',
        is_testnet: true,
        environment: 'demo',
        key_type: 'ed25519',
        state: 'error',
        last_test_at: T0 - 5,
        last_test_success: false,
        last_error: {
          code: 'auth.invalid_key',
          message: 'Invalid key',
          exchangeCode: 50111,
          hint: 'Check it',
        },
        last_balance: 1234.5678,
        last_balance_currency: 'USD',
        key_audit: {
          checked_at: new Date(T0 - 5).toISOString(),
          ip_bound: false,
          ips: [],
          permissions: ['Spot:SpotTrade'],
          expires_at: new Date(T0 + 5 * 86_400_000).toISOString(),
          expiry_reason: 'unbound key: Bybit stops it 90 days after creation',
          inactivity_rule: null,
          days_to_expiry: 5,
          flags: ['unbound_trading_key', 'expires_soon'],
          hint: 'Bind the key',
        },
      });
      await s.connections.create('c1', fields, blob('a'), T0);
      const got = await s.connections.get('c1');
      expect(got).toMatchObject({ ...fields, is_enabled: true, is_active: false });
    });

    it('returns null for unknown ids', async () => {
      expect(await s.connections.get('nope')).toBeNull();
      expect(await s.connections.getCredentials('nope')).toBeNull();
      expect(await s.connections.update('nope', { name: 'x' }, { now: T0 })).toBeNull();
      expect(await s.connections.update('nope', { name: 'x' }, { now: T0, expectedVersion: 1 })).toBeNull();
      expect(await s.connections.delete('nope')).toBe(false);
    });

    it('refuses a second create with the same id and keeps the first record and blob', async () => {
      await s.connections.create('c1', connectionFields({ name: 'first' }), blob('a'), T0);
      await expect(
        s.connections.create('c1', connectionFields({ name: 'second' }), blob('b'), T0 + 1),
      ).rejects.toThrow();
      expect((await s.connections.get('c1'))?.name).toBe('first');
      expect(await s.connections.getCredentials('c1')).toEqual(blob('a'));
      expect(await s.connections.list()).toHaveLength(1);
    });

    it('lists by created_at, then id', async () => {
      await s.connections.create('b', connectionFields(), blob('b'), T0 + 10);
      await s.connections.create('z', connectionFields(), blob('z'), T0);
      await s.connections.create('a', connectionFields(), blob('a'), T0 + 10);
      expect((await s.connections.list()).map((c) => c.id)).toEqual(['z', 'a', 'b']);
    });

    it('pages by (created_at, id) after a cursor, with a limit, filters applied first', async () => {
      for (const [id, t, exchange] of [
        ['b', 10, 'okx'],
        ['z', 0, 'okx'],
        ['a', 10, 'bybit'],
        ['c', 10, 'okx'],
        ['y', 20, 'okx'],
      ] as const)
        await s.connections.create(id, connectionFields({ exchange }), blob(id), T0 + t);
      const ids = async (f: Parameters<Storage['connections']['list']>[0]) =>
        (await s.connections.list(f)).map((c) => c.id);
      expect(await ids({ limit: 2 })).toEqual(['z', 'a']);
      expect(await ids({ limit: 2, after: { createdAt: T0 + 10, id: 'a' } })).toEqual(['b', 'c']);
      expect(await ids({ after: { createdAt: T0 + 10, id: 'c' } })).toEqual(['y']);
      expect(await ids({ after: { createdAt: T0 + 5, id: 'zzz' } })).toEqual(['a', 'b', 'c', 'y']);
      expect(await ids({ limit: 10, after: { createdAt: T0 + 20, id: 'y' } })).toEqual([]);
      expect(await ids({ limit: 0 })).toEqual([]);
      expect(await ids({ exchange: 'okx', limit: 2, after: { createdAt: T0, id: 'z' } })).toEqual(['b', 'c']);
    });

    it('filters by exchange, api type, enabled, active and state, alone and combined', async () => {
      const mk = (id: string, o: Parameters<typeof connectionFields>[0], t: number) =>
        s.connections.create(id, connectionFields(o), blob(id), T0 + t);
      await mk('bybit-active', { exchange: 'bybit', api_type: 'unified', state: 'active' }, 1);
      await mk('bybit-disabled', { exchange: 'bybit', api_type: 'spot', state: 'disabled' }, 2);
      await mk('okx-paused', { exchange: 'okx', api_type: 'spot', state: 'paused' }, 3);
      await mk('okx-error', { exchange: 'okx', api_type: 'rest', state: 'error' }, 4);
      await mk('binance-active', { exchange: 'binance', api_type: 'spot', state: 'active' }, 5);
      const ids = async (f: Parameters<Storage['connections']['list']>[0]) =>
        (await s.connections.list(f)).map((c) => c.id);
      expect(await ids({})).toHaveLength(5);
      expect(await ids({ exchange: 'okx' })).toEqual(['okx-paused', 'okx-error']);
      expect(await ids({ apiType: 'spot' })).toEqual(['bybit-disabled', 'okx-paused', 'binance-active']);
      expect(await ids({ enabled: true })).toEqual([
        'bybit-active',
        'okx-paused',
        'okx-error',
        'binance-active',
      ]);
      expect(await ids({ enabled: false })).toEqual(['bybit-disabled']);
      expect(await ids({ active: true })).toEqual(['bybit-active', 'binance-active']);
      expect(await ids({ active: false })).toEqual(['bybit-disabled', 'okx-paused', 'okx-error']);
      expect(await ids({ state: 'paused' })).toEqual(['okx-paused']);
      expect(await ids({ exchange: 'bybit', enabled: true })).toEqual(['bybit-active']);
      expect(await ids({ apiType: 'spot', active: true, exchange: 'binance' })).toEqual(['binance-active']);
      expect(await ids({ exchange: 'pionex' })).toEqual([]);
    });

    it('applies a patch, bumps the version and updated_at, and recomputes the derived flags', async () => {
      await s.connections.create('c1', connectionFields(), blob('a'), T0);
      const updated = await s.connections.update(
        'c1',
        { name: 'Renamed', state: 'active' },
        { now: T0 + 100 },
      );
      expect(updated).toMatchObject({
        name: 'Renamed',
        state: 'active',
        is_enabled: true,
        is_active: true,
        created_at: T0,
        updated_at: T0 + 100,
        version: 2,
      });
      expect(await s.connections.get('c1')).toEqual(updated);
      const again = await s.connections.update(
        'c1',
        { state: 'paused' },
        { now: T0 + 200, expectedVersion: 2 },
      );
      expect(again).toMatchObject({ version: 3, is_enabled: true, is_active: false, name: 'Renamed' });
      expect(await s.connections.getCredentials('c1')).toEqual(blob('a'));
    });

    it('leaves fields whose patch value is undefined as they were', async () => {
      await s.connections.create('c1', connectionFields({ name: 'kept', last_balance: 5 }), blob('a'), T0);
      const updated = await s.connections.update(
        'c1',
        { name: undefined, last_balance: null },
        { now: T0 + 1 },
      );
      expect(updated).toMatchObject({ name: 'kept', last_balance: null, version: 2 });
    });

    it('refuses a stale version with VersionConflictError and changes nothing', async () => {
      await s.connections.create('c1', connectionFields(), blob('a'), T0);
      await s.connections.update('c1', { name: 'v2' }, { now: T0 + 1 });
      const err = await s.connections
        .update('c1', { name: 'stale' }, { now: T0 + 2, expectedVersion: 1, credentials: blob('stale') })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VersionConflictError);
      expect(err).toMatchObject({ id: 'c1', expected: 1, actual: 2 });
      expect(await s.connections.get('c1')).toMatchObject({ name: 'v2', version: 2, updated_at: T0 + 1 });
      expect(await s.connections.getCredentials('c1')).toEqual(blob('a'));
    });

    it('lets exactly one of two concurrent writers with the same expected version win', async () => {
      await s.connections.create('c1', connectionFields(), blob('a'), T0);
      const results = await Promise.allSettled([
        s.connections.update(
          'c1',
          { name: 'A' },
          { now: T0 + 1, expectedVersion: 1, credentials: blob('A') },
        ),
        s.connections.update(
          'c1',
          { name: 'B' },
          { now: T0 + 1, expectedVersion: 1, credentials: blob('B') },
        ),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
      const winner = (await s.connections.get('c1'))!;
      expect(winner.version).toBe(2);
      expect(await s.connections.getCredentials('c1')).toEqual(blob(winner.name));
    });

    it('replaces the credentials with an update, atomically with the record', async () => {
      await s.connections.create('c1', connectionFields(), blob('a'), T0);
      const updated = await s.connections.update(
        'c1',
        { api_key_masked: 'NEWK…EY12' },
        { now: T0 + 5, expectedVersion: 1, credentials: blob('b', 'k2') },
      );
      expect(updated).toMatchObject({ api_key_masked: 'NEWK…EY12', version: 2 });
      expect(await s.connections.getCredentials('c1')).toEqual(blob('b', 'k2'));
      const blobOnly = await s.connections.update('c1', {}, { now: T0 + 6, credentials: blob('c') });
      expect(blobOnly).toMatchObject({ version: 3, updated_at: T0 + 6, api_key_masked: 'NEWK…EY12' });
      expect(await s.connections.getCredentials('c1')).toEqual(blob('c'));
    });

    it('deletes a connection with its credentials, test results and health samples only', async () => {
      await s.connections.create('c1', connectionFields(), blob('a'), T0);
      await s.connections.create('c2', connectionFields(), blob('b'), T0);
      for (const id of ['c1', 'c2']) {
        await s.healthSamples.add({
          connectionId: id,
          at: T0,
          success: true,
          responseTimeMs: 10,
          errorCode: null,
        });
        await s.testResults.add({
          id: `t-${id}`,
          connectionId: id,
          startedAt: T0,
          result: {
            success: true,
            balance: null,
            permissions: null,
            clockOffsetMs: 0,
            duration: 5,
            log: [],
            warnings: [],
          },
        });
      }
      expect(await s.connections.delete('c1')).toBe(true);
      expect(await s.connections.get('c1')).toBeNull();
      expect(await s.connections.getCredentials('c1')).toBeNull();
      expect(await s.testResults.listByConnection('c1', 10)).toEqual([]);
      expect(await s.healthSamples.listSince('c1', 0)).toEqual([]);
      expect(await s.connections.delete('c1')).toBe(false);
      expect(await s.connections.get('c2')).not.toBeNull();
      expect(await s.connections.getCredentials('c2')).toEqual(blob('b'));
      expect(await s.testResults.listByConnection('c2', 10)).toHaveLength(1);
      expect(await s.healthSamples.listSince('c2', 0)).toHaveLength(1);
      expect((await s.connections.listCredentials()).map((c) => c.id)).toEqual(['c2']);
    });

    it('lists every blob and replaces one without touching the record or its version', async () => {
      await s.connections.create('c1', connectionFields(), blob('a'), T0);
      await s.connections.create('c2', connectionFields(), blob('b'), T0 + 1);
      const all = await s.connections.listCredentials();
      expect(all.sort((x, y) => x.id.localeCompare(y.id))).toEqual([
        { id: 'c1', credentials: blob('a') },
        { id: 'c2', credentials: blob('b') },
      ]);
      const before = await s.connections.get('c1');
      await s.connections.replaceCredentials('c1', blob('rotated', 'k2'));
      expect(await s.connections.getCredentials('c1')).toEqual(blob('rotated', 'k2'));
      expect(await s.connections.get('c1')).toEqual(before);
      expect(await s.connections.getCredentials('c2')).toEqual(blob('b'));
    });
  });
}
