// Runs a few `websocket` connection tests with the runtime's own global WebSocket (Bun, Deno, Node) against
// a simulator server started by streams.runtime.test.ts, and prints one JSON line. Imports core by path so
// it runs without a package resolver. Input: CTS_STREAM_SMOKE = {"url", "cases": [{name, exchange, credentials}]}.
import { createConnector } from '../../../../core/src/connectors/index.ts';
import type { ExchangeId } from '../../../../core/src/exchanges/catalog.ts';

interface Case {
  name: string;
  exchange: ExchangeId;
  credentials: { apiKey: string; apiSecret: string; passphrase?: string };
}

const g = globalThis as {
  Bun?: unknown;
  Deno?: { env: { get(k: string): string | undefined } };
  process?: { env: Record<string, string | undefined> };
};
const runtime = g.Bun ? 'bun' : g.Deno ? 'deno' : 'node';
const raw = g.Deno ? g.Deno.env.get('CTS_STREAM_SMOKE') : g.process?.env.CTS_STREAM_SMOKE;
const input = JSON.parse(raw ?? '{}') as { url: string; cases: Case[] };
const results = [];
for (const c of input.cases) {
  const connector = createConnector({
    exchange: c.exchange,
    apiType: 'websocket',
    credentials: c.credentials,
    baseUrl: input.url,
    timeoutMs: 5000,
  });
  const r = await connector.testConnection();
  results.push({
    name: c.name,
    success: r.success,
    code: r.error?.code,
    closedCleanly: r.log.some((line) => line.includes('Closed cleanly (code 1000)')),
    heartbeat: r.log.find((line) => line.includes('Heartbeat:'))?.replace(/^\[[^\]]+\] /, ''),
  });
}
console.log(JSON.stringify({ runtime, results }));
