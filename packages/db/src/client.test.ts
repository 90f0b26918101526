import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, createLibsqlClient } from './client.ts';
import { tempDir } from './test-helpers.ts';

describe('createLibsqlClient', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('creates the folder of a file: database', async () => {
    const client = createLibsqlClient(tmp.url('a/b/cts.db'));
    tmp.track(client);
    await createDb(client).$client.execute('CREATE TABLE t (x)');
    expect(existsSync(join(tmp.dir, 'a/b/cts.db'))).toBe(true);
  });

  it('rejects an empty url with a TypeError naming it', () => {
    expect(() => createLibsqlClient('')).toThrow(/^url: expected/);
  });
});
