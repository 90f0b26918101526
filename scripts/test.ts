// `npm test`: provisions Chromium (scripts/provision.ts), lints, runs the scripts' tests, then every workspace's
// typecheck and tests through turbo, then one closing line "N passed, N failed" summed over every vitest run, a test
// file that did not run and a failed typecheck counted as failures (scripts/test-summary.ts; CI reads that line).
import { spawn } from 'node:child_process';
import { provisionChromium } from './provision.ts';
import { TestSummary } from './test-summary.ts';

const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  DENO_NO_UPDATE_CHECK: '1',
  FORCE_COLOR: '0',
};

function run(cmd: string, args: string[], onLine?: (line: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      let buf = '';
      stream.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        (stream === child.stdout ? process.stdout : process.stderr).write(text);
        buf += text;
        const lines = buf.split('\n');
        buf = lines.pop() ?? '';
        for (const line of lines) onLine?.(line);
      });
      stream.on('end', () => buf && onLine?.(buf));
    }
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const summary = new TestSummary();
const count = (line: string) => summary.add(line);

const missing = provisionChromium();
if (missing) {
  console.error(missing);
  console.log('\n0 passed, 1 failed (Chromium missing)');
  process.exit(1);
}
const lint = await run('biome', ['check', '.']);
// The scripts' own tests (this closing line's parser, the provisioning), then every workspace through turbo.
const scripts = await run('vitest', ['run', '--dir', 'scripts'], count);
summary.end();
const filter = process.argv.slice(2);
const turbo = await run(
  'turbo',
  ['run', 'typecheck', 'test', '--concurrency=1', '--continue', '--output-logs=full', ...filter],
  count,
);
summary.end();
if (lint !== 0) summary.other += 1; // a lint failure fails the run even when every test passed
// A run that failed without any failure the summary could name still says so.
if ((scripts !== 0 || turbo !== 0) && summary.failed === 0) summary.failedTasks += 1;
console.log(`\n${summary.closingLine()}`);
process.exit(lint !== 0 || scripts !== 0 || turbo !== 0 || summary.failed > 0 ? 1 : 0);
