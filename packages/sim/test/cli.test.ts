import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = new URL('../src/cli.ts', import.meta.url).pathname;

/** Starts the CLI with --demo writing to `demoFile`; resolves with the child, its URL and its output so far. */
async function startDemo(demoFile: string) {
  const child = spawn(process.execPath, [CLI, '--port', '0', '--demo', '--demo-file', demoFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line: ${out}`)), 15_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /CTS simulator ready on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    return { child, url, out };
  } catch (err) {
    child.kill('SIGTERM');
    throw err;
  }
}

describe('cli', () => {
  it('prints the ready line, seeds demo accounts into a private file and never prints a secret', async () => {
    const demoFile = join(mkdtempSync(join(tmpdir(), 'cts-sim-')), 'demo.json');
    const { child, url, out } = await startDemo(demoFile);
    try {
      const demo = JSON.parse(readFileSync(demoFile, 'utf8')) as {
        baseUrl: string;
        accounts: { id: string; exchange: string; environment: string; apiKey: string; apiSecret: string }[];
      };
      expect(demo.baseUrl).toBe(url);
      expect(statSync(demoFile).mode & 0o777).toBe(0o600);
      expect(new Set(demo.accounts.map((a) => `${a.exchange}:${a.environment}`))).toEqual(
        new Set([
          'bybit:mainnet',
          'bybit:testnet',
          'bybit:demo',
          'binance:mainnet',
          'binance:testnet',
          'binance:demo',
          'okx:mainnet',
          'okx:demo',
          'bingx:mainnet',
          'bingx:demo',
          'pionex:mainnet',
          'orangex:mainnet',
        ]),
      );
      for (const a of demo.accounts) {
        expect(out).toContain(a.id);
        expect(out).not.toContain(a.apiSecret);
        expect(out).not.toContain(a.apiKey);
      }
      const time = await fetch(`${url}/okx/api/v5/public/time`);
      expect(time.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('replaces a world-readable demo file left from an earlier run with a private one', async () => {
    const demoFile = join(mkdtempSync(join(tmpdir(), 'cts-sim-')), 'demo.json');
    writeFileSync(demoFile, 'old', { mode: 0o644 });
    expect(statSync(demoFile).mode & 0o777).toBe(0o644);
    const { child, url } = await startDemo(demoFile);
    try {
      expect(statSync(demoFile).mode & 0o777).toBe(0o600);
      expect((JSON.parse(readFileSync(demoFile, 'utf8')) as { baseUrl: string }).baseUrl).toBe(url);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
