// Runs a few `websocket` connection tests with the runtime's own global WebSocket (Bun, Deno, Node) against
// a simulator server started by streams.runtime.test.ts, and prints one JSON line. Imports core by path so
// it runs without a package resolver. Input: CTS_STREAM_SMOKE = {"url", "cases": [{name, exchange, credentials}]}.
import { runSmokeCases, type SmokeInput } from './run-cases.ts';

const g = globalThis as {
  Bun?: unknown;
  Deno?: { env: { get(k: string): string | undefined } };
  process?: { env: Record<string, string | undefined> };
};
const runtime = g.Bun ? 'bun' : g.Deno ? 'deno' : 'node';
const raw = g.Deno ? g.Deno.env.get('CTS_STREAM_SMOKE') : g.process?.env.CTS_STREAM_SMOKE;
const input = JSON.parse(raw ?? '{}') as SmokeInput;
console.log(JSON.stringify({ runtime, results: await runSmokeCases(input) }));
