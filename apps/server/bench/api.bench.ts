/**
 * Bench: GET /api/settings/connections with 1,000 stored connections (the whole stack: JWT, validation, coordinator,
 * storage, logs, metrics) beside bare Hono routes on the same runtime, in the same run, with autocannon.
 * `npm run bench -w @cts/server` (or `[BENCH_RUNTIMES=node,bun,deno] node apps/server/bench/api.bench.ts [connections] [seconds]`).
 * Target: p99 under 10 ms and at least half the bare route's throughput.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';

const STORED = Number(process.argv[2] ?? 1000);
const SECONDS = Number(process.argv[3] ?? 5);
const CONNECTIONS = 10;
/** Runtimes to serve from, each compared with bare Hono on itself. @default node (BENCH_RUNTIMES=node,bun,deno) */
const RUNTIMES = (process.env['BENCH_RUNTIMES'] ?? 'node').split(',').map((r) => r.trim()) as Array<
  'node' | 'bun' | 'deno'
>;
const BIN = join(import.meta.dirname, '../../../node_modules/.bin');
const COMMANDS = {
  node: [process.execPath],
  bun: [join(BIN, 'bun')],
  deno: [join(BIN, 'deno'), 'run', '-A'],
} as const;

interface Ready {
  apiPort: number;
  barePort: number;
  token: string;
  stored: number;
  firstId: string;
}

function startServer(
  runtime: keyof typeof COMMANDS,
  storage: string,
  cache: boolean,
): Promise<{ child: ChildProcess; ready: Ready }> {
  const [command, ...args] = COMMANDS[runtime];
  const child = spawn(
    command,
    [
      ...args,
      join(import.meta.dirname, 'bench-server.ts'),
      String(STORED),
      storage,
      cache ? 'cache' : 'nocache',
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1' },
    },
  );
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('bench server did not start in 180 s')), 180_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.includes('"ready":true'));
      if (line) {
        clearTimeout(timer);
        resolve({ child, ready: JSON.parse(line) });
      }
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  kib: number;
  errors: number;
}

async function run(name: string, url: string, headers: Record<string, string> = {}): Promise<Row> {
  await autocannon({ url, connections: CONNECTIONS, duration: 1, headers }); // warm-up
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    kib: r.throughput.average / Math.max(1, r.requests.average) / 1024,
    // 304 Not Modified is the expected answer to If-None-Match: only 4xx, 5xx and socket errors count.
    errors: r['4xx'] + r['5xx'] + r.errors,
  };
}

const children: ChildProcess[] = [];

/** The server setups compared, each beside the bare routes of the first. */
const SETUPS = [
  { storage: ':memory:', cache: true, label: 'libSQL + cache' },
  { storage: 'file', cache: false, label: 'libSQL file, no cache' },
  { storage: 'memory', cache: false, label: 'memory, no cache' },
] as const;

/** All rows for one runtime: bare Hono, then CTS on libSQL :memory: with and without the connection cache. */
async function benchRuntime(runtime: keyof typeof COMMANDS): Promise<Row[]> {
  const rows: Row[] = [];
  for (const setup of SETUPS) {
    const { child, ready } = await startServer(runtime, setup.storage, setup.cache);
    children.push(child);
    const api = `http://127.0.0.1:${ready.apiPort}`;
    const bare = `http://127.0.0.1:${ready.barePort}`;
    const auth = { Authorization: `Bearer ${ready.token}` };
    const list = `${api}/api/settings/connections`;
    if (setup === SETUPS[0]) {
      rows.push(await run('bare Hono, same payload from an array', `${bare}/same-payload`));
      rows.push(await run('bare Hono, {"ok":true}', `${bare}/hello`));
      rows.push(await run('bare Hono, same payload pre-serialised bytes', `${bare}/same-payload-bytes`));
      rows.push(await run('bare Hono, one record from an array', `${bare}/one`));
    }
    if (setup.storage === 'file') {
      rows.push(await run('bare Hono + drizzle + libSQL, same query', `${bare}/drizzle-list`));
      rows.push(await run('bare Hono + drizzle + libSQL, 100-row page', `${bare}/drizzle-page`));
    }
    rows.push(await run(`CTS list, ${setup.label}`, list, auth));
    if (setup.storage === 'file')
      rows.push(await run(`CTS list ?limit=100, ${setup.label}`, `${list}?limit=100`, auth));
    if (setup.storage === 'memory') {
      child.kill('SIGTERM');
      continue;
    }
    rows.push(await run(`CTS list ?exchange=okx, ${setup.label}`, `${list}?exchange=okx`, auth));
    const etag = (await fetch(list, { headers: auth })).headers.get('ETag') ?? '';
    rows.push(
      await run(`CTS list If-None-Match → 304, ${setup.label}`, list, { ...auth, 'If-None-Match': etag }),
    );
    rows.push(await run(`CTS GET one connection, ${setup.label}`, `${list}/${ready.firstId}`, auth));
    child.kill('SIGTERM');
  }
  return rows;
}

function print(runtime: string, rows: Row[]): void {
  console.log(
    `\n${runtime}: ${STORED} stored connections, ${CONNECTIONS} concurrent connections, ${SECONDS} s per row, autocannon on Node ${process.version} on the same machine\n`,
  );
  console.log(
    `${'route'.padEnd(50)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'KiB/reply'.padStart(10)}  errors`,
  );
  for (const r of rows)
    console.log(
      `${r.name.padEnd(50)} ${r.rps.toFixed(0).padStart(8)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${r.kib.toFixed(1).padStart(10)}  ${r.errors}`,
    );
  const bareSame = rows[0]!;
  const bareOne = rows[3]!;
  const bareBytes = rows[2]!;
  for (const r of rows.filter((x) => x.name.startsWith('CTS list,')))
    console.log(
      `${r.name}: ${((r.rps / bareSame.rps) * 100).toFixed(0)}% of the bare same-payload route's throughput (target ≥ 50%), ${((r.rps / bareBytes.rps) * 100).toFixed(0)}% of the pre-serialised one's, p99 ${r.p99} ms (target < 10 ms)`,
    );
  const bareQuery = rows.find((x) => x.name === 'bare Hono + drizzle + libSQL, same query');
  const barePage = rows.find((x) => x.name === 'bare Hono + drizzle + libSQL, 100-row page');
  const uncached = rows.find((x) => x.name === 'CTS list, libSQL file, no cache');
  const uncachedPage = rows.find((x) => x.name === 'CTS list ?limit=100, libSQL file, no cache');
  for (const [ours, theirs] of [
    [uncached, bareQuery],
    [uncachedPage, barePage],
  ] as const)
    if (ours && theirs)
      console.log(
        `${ours.name}: ${(ours.rps / theirs.rps).toFixed(2)}× the bare drizzle route's throughput (target ≥ 0.5×), p99 ${ours.p99} ms beside its ${theirs.p99} ms`,
      );
  for (const r of rows.filter((x) => x.name.startsWith('CTS GET one')))
    console.log(
      `${r.name}: ${((r.rps / bareOne.rps) * 100).toFixed(0)}% of the bare one-record route's throughput, p99 ${r.p99} ms`,
    );
}

try {
  for (const runtime of RUNTIMES) {
    if (!(runtime in COMMANDS))
      throw new TypeError(`BENCH_RUNTIMES: expected node, bun or deno, got ${runtime}`);
    print(runtime, await benchRuntime(runtime));
  }
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
}
