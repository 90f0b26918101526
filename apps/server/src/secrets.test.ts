import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSecrets } from './secrets.ts';

describe('resolveSecrets', () => {
  it('generates both secrets with mode 0600 on first start and reuses them afterwards', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cts-secrets-')), 'data');
    const first = resolveSecrets({ dataDir: dir });
    expect(first.generated).toEqual(['CTS_MASTER_KEY', 'CTS_JWT_SECRET']);
    expect(first.masterKey).toMatch(/^k1:[A-Za-z0-9+/]{43}=$/);
    expect(first.jwtSecret).toMatch(/^[0-9a-f]{64}$/);
    for (const file of ['master.key', 'jwt.secret'])
      expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
    const second = resolveSecrets({ dataDir: dir });
    expect(second).toEqual({ ...first, generated: [] });
    expect(readFileSync(join(dir, 'jwt.secret'), 'utf8').trim()).toBe(first.jwtSecret);
  });

  it('prefers the environment and writes nothing then', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cts-secrets-')), 'data');
    const r = resolveSecrets({ dataDir: dir, masterKey: 'k:abc', jwtSecret: 'x'.repeat(32) });
    expect(r).toEqual({
      masterKey: 'k:abc',
      previousMasterKeys: '',
      jwtSecret: 'x'.repeat(32),
      generated: [],
    });
    expect(() => statSync(dir)).toThrow();
  });
});
