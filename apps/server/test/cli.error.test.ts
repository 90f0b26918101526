/** The command-line entry points answer mistakes with one clear line, never a stack trace (issue #12, item 11). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './child-server.ts';

const cwd = mkdtempSync(join(tmpdir(), 'cts-cli-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const node = (script: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(ROOT, script), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', CTS_DATA_DIR: join(cwd, 'data'), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe('CLIs', () => {
  it('npm run token -- --help prints the usage and exits 0; a wrong option prints one line and the usage', () => {
    const help = node('apps/server/src/token-cli.ts', ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run token -- \[--role admin\|viewer\]/);
    const wrong = node('apps/server/src/token-cli.ts', ['--rol', 'admin']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr.split('\n')[0]).toMatch(/Unknown option '--rol'/);
    noStack(wrong.stderr);
    const ttl = node('apps/server/src/token-cli.ts', ['--ttl', 'soon']);
    expect(ttl.status).toBe(2);
    expect(ttl.stderr.split('\n')[0]).toMatch(/^--ttl: expected a duration/);
    noStack(ttl.stderr);
  });

  it('npm start on a busy port exits 1 with one line naming the port, no stack trace', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', () => resolve()));
    const { port } = busy.address() as { port: number };
    try {
      const res = node('apps/server/src/node.ts', [], {
        PORT: String(port),
        HOST: '127.0.0.1',
        CTS_DATABASE_URL: ':memory:',
      });
      expect(res.status).toBe(1);
      expect(res.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      noStack(res.stderr);
      noStack(res.stdout);
    } finally {
      busy.close();
    }
  });
});
