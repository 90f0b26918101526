import type { Storage } from '@cts/core/storage';
import { beforeEach, describe, expect, it } from 'vitest';
import { blob, connectionFields, type MakeStorage, T0 } from './fixtures.ts';

/** replaceCredentials as key rotation uses it: unconditional, or compare-and-swap on the blob read. */
export function credentialsContract(makeStorage: MakeStorage): void {
  describe('replaceCredentials', () => {
    let s: Storage;
    beforeEach(async () => {
      s = await makeStorage();
      await s.connections.create('c1', connectionFields(), blob('a'), T0);
    });

    it('replaces unconditionally without `expected`; false for an unknown id', async () => {
      expect(await s.connections.replaceCredentials('c1', blob('b', 'k2'))).toBe(true);
      expect(await s.connections.getCredentials('c1')).toEqual(blob('b', 'k2'));
      expect(await s.connections.replaceCredentials('nope', blob('b', 'k2'))).toBe(false);
      expect(await s.connections.getCredentials('nope')).toBeNull();
    });

    it('replaces while the stored blob still equals `expected`, without touching the record', async () => {
      const before = await s.connections.get('c1');
      expect(await s.connections.replaceCredentials('c1', blob('rotated', 'k2'), blob('a'))).toBe(true);
      expect(await s.connections.getCredentials('c1')).toEqual(blob('rotated', 'k2'));
      expect(await s.connections.get('c1')).toEqual(before);
    });

    it('keeps a blob written since it was read (a credentials update racing a rotation)', async () => {
      const read = await s.connections.getCredentials('c1');
      const updated = await s.connections.update(
        'c1',
        {},
        { now: T0 + 1, credentials: blob('edited', 'k2') },
      );
      expect(await s.connections.replaceCredentials('c1', blob('rotated', 'k2'), read!)).toBe(false);
      expect(await s.connections.getCredentials('c1')).toEqual(blob('edited', 'k2'));
      expect(await s.connections.get('c1')).toEqual(updated);
    });

    it('compares every part of the blob: key id, IV and ciphertext', async () => {
      const a = blob('a');
      for (const expected of [
        { ...a, keyId: 'other' },
        { ...a, iv: 'iv-other' },
        { ...a, ciphertext: 'ct-other' },
      ])
        expect(await s.connections.replaceCredentials('c1', blob('x', 'k2'), expected)).toBe(false);
      expect(await s.connections.getCredentials('c1')).toEqual(a);
    });

    it('is false for a deleted connection, even with the blob it had', async () => {
      await s.connections.delete('c1');
      expect(await s.connections.replaceCredentials('c1', blob('x', 'k2'), blob('a'))).toBe(false);
      expect(await s.connections.getCredentials('c1')).toBeNull();
    });
  });
}
