// `npm test`: lint, then every workspace's typecheck and tests through turbo, then one closing line
// "N passed, N failed" summed over every vitest run (CI reads that line).
import { spawn } from 'node:child_process';

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

const ESC = String.fromCharCode(27);
const strip = (s: string) =>
  s
    .split(ESC)
    .map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, '')))
    .join('');
let passed = 0;
let failed = 0;
let skipped = 0;
const count = (line: string) => {
  const m = /\bTests\s+(.*)$/.exec(strip(line));
  if (!m || !/\(\d+\)\s*$/.test(m[1]!)) return;
  passed += Number(/(\d+) passed/.exec(m[1]!)?.[1] ?? 0);
  failed += Number(/(\d+) failed/.exec(m[1]!)?.[1] ?? 0);
  skipped += Number(/(\d+) skipped/.exec(m[1]!)?.[1] ?? 0);
};

const lint = await run('biome', ['check', '.']);
const filter = process.argv.slice(2);
const turbo = await run(
  'turbo',
  ['run', 'typecheck', 'test', '--concurrency=1', '--continue', '--output-logs=full', ...filter],
  count,
);
if (lint !== 0) failed += 1; // a lint failure fails the run even when every test passed
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(lint !== 0 || turbo !== 0 || failed > 0 ? 1 : 0);
