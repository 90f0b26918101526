import type { SessionRecord, SessionStore } from '@cts/core/storage';
import { describe, expect, it } from 'vitest';

const T0 = Date.UTC(2026, 0, 27, 10, 0, 0);
const HOUR = 3_600_000;

const session = (id: string, over: Partial<SessionRecord> = {}): SessionRecord => ({
  id,
  sub: 'ops',
  role: 'admin',
  method: 'token',
  createdAt: T0,
  expiresAt: T0 + HOUR,
  revokedAt: null,
  ...over,
});

/** The behaviour every SessionStore must show (memory, libSQL, D1). Each test gets a fresh, empty store. */
export function sessionStoreContract(name: string, create: () => SessionStore | Promise<SessionStore>): void {
  describe(`SessionStore contract: ${name}`, () => {
    it('creates and reads back a session; an unknown id is null; an id is never reused', async () => {
      const store = await create();
      const s = session('s1', { role: 'viewer', method: 'password' });
      await store.create(s);
      expect(await store.get('s1')).toEqual(s);
      expect(await store.get('nope')).toBeNull();
      await expect(store.create(session('s1'))).rejects.toThrow();
    });

    it('revokes one session once, and every live session of one person', async () => {
      const store = await create();
      await store.create(session('a'));
      await store.create(session('b', { createdAt: T0 + 1 }));
      await store.create(session('c', { sub: 'other' }));
      expect(await store.revoke('a', T0 + 10)).toBe(true);
      expect(await store.revoke('a', T0 + 20)).toBe(false);
      expect(await store.revoke('nope', T0)).toBe(false);
      expect((await store.get('a'))?.revokedAt).toBe(T0 + 10);
      expect(await store.revokeAll('ops', T0 + 30)).toBe(1);
      expect((await store.get('b'))?.revokedAt).toBe(T0 + 30);
      expect((await store.get('c'))?.revokedAt).toBeNull();
    });

    it('lists live sessions newest first, by person, leaving out revoked and expired ones', async () => {
      const store = await create();
      await store.create(session('old', { createdAt: T0 }));
      await store.create(session('new', { createdAt: T0 + 5 }));
      await store.create(session('gone', { expiresAt: T0 + 10 }));
      await store.create(session('theirs', { sub: 'other', createdAt: T0 + 7 }));
      await store.create(session('revoked', { revokedAt: T0 + 1 }));
      const ids = (await store.listActive(T0 + 20)).map((s) => s.id);
      expect(ids).toEqual(['theirs', 'new', 'old']);
      expect((await store.listActive(T0 + 20, { sub: 'ops' })).map((s) => s.id)).toEqual(['new', 'old']);
      expect(await store.listActive(T0 + 20, { limit: 1 })).toHaveLength(1);
      expect(await store.listActive(T0 + 2 * HOUR)).toEqual([]);
    });

    it('deletes sessions expired or revoked before a time', async () => {
      const store = await create();
      await store.create(session('expired', { expiresAt: T0 + 10 }));
      await store.create(session('revoked', { revokedAt: T0 + 5 }));
      await store.create(session('live'));
      expect(await store.deleteExpired(T0 + 100)).toBe(2);
      expect(await store.get('expired')).toBeNull();
      expect(await store.get('live')).not.toBeNull();
    });
  });
}
