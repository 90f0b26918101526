import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { describe, expect, it } from 'vitest';
import type { SmokeReport } from './smoke/smoke.ts';

const run = promisify(execFile);
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const bin = (name: string) => fileURLToPath(new URL(`../../../node_modules/.bin/${name}`, import.meta.url));
const env = { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };

function expectAllPassed(report: SmokeReport, runtime: string): void {
  expect(report.runtime).toBe(runtime);
  expect(report.failed).toEqual([]);
  expect(report.passed.length).toBeGreaterThanOrEqual(5);
}

async function lastJsonLine(stdout: string): Promise<SmokeReport> {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as SmokeReport;
}

describe('core runtime matrix', () => {
  it('passes the smoke suite on Node', async () => {
    const { stdout } = await run(bin('node'), [here('./smoke/run.ts')], { env });
    expectAllPassed(await lastJsonLine(stdout), 'node');
  });

  it('passes the smoke suite on Bun', async () => {
    const { stdout } = await run(bin('bun'), [here('./smoke/run.ts')], { env });
    expectAllPassed(await lastJsonLine(stdout), 'bun');
  });

  it('passes the smoke suite on Deno', async () => {
    const { stdout } = await run(bin('deno'), ['run', '-A', here('./smoke/run.ts')], { env });
    expectAllPassed(await lastJsonLine(stdout), 'deno');
  });

  it('passes the smoke suite in workerd (no nodejs_compat)', async () => {
    const bundle = await build({
      entryPoints: [here('./smoke/worker.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    const mf = new Miniflare({
      modules: true,
      script: bundle.outputFiles[0]!.text,
      compatibilityDate: '2025-09-01',
    });
    try {
      const res = await mf.dispatchFetch('http://localhost/');
      expectAllPassed((await res.json()) as SmokeReport, 'workerd');
    } finally {
      await mf.dispose();
    }
  });
});
