/** Runs a host entry point (Node, Bun or Deno) as a child process on a free port and waits for its ready line. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'node_modules/.bin');

export const RUNTIMES = {
  node: { command: process.execPath, args: ['apps/server/src/node.ts'] },
  bun: { command: join(BIN, 'bun'), args: ['apps/server/src/bun.ts'] },
  deno: { command: join(BIN, 'deno'), args: ['run', '-A', 'apps/server/src/deno.ts'] },
} as const;
export type Runtime = keyof typeof RUNTIMES;

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

export interface ChildServer {
  child: ChildProcess;
  url: string;
  /** Everything it wrote so far, stdout and stderr. */
  output(): string;
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL if still running after `ms`. */
  stop(ms?: number): Promise<number | null>;
}

export async function startChildServer(runtime: Runtime, env: Record<string, string>): Promise<ChildServer> {
  const port = await freePort();
  const { command, args } = RUNTIMES[runtime];
  const child = spawn(command, [...args], {
    cwd: ROOT,
    env: {
      PATH: `${BIN}:${process.env['PATH']}`,
      HOME: process.env['HOME'] ?? '/tmp',
      DENO_NO_UPDATE_CHECK: '1',
      PORT: String(port),
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout?.on('data', (c: Buffer) => chunks.push(c.toString()));
  child.stderr?.on('data', (c: Buffer) => chunks.push(c.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const output = () => chunks.join('');
  const deadline = Date.now() + 30_000;
  while (!/"msg":"listening"/.test(output())) {
    if (child.exitCode !== null)
      throw new Error(`${runtime} exited with ${child.exitCode} before ready:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${runtime}: no ready line in 30 s:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output,
    exited,
    async stop(ms = 10_000) {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
