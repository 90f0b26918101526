/**
 * `npm run demo`: the simulator and the server wired to it (in one Node process, both on loopback), demo connections
 * on every exchange (every environment, OKX EEA and US, Bybit EU) created through the API and tested, then the admin
 * URL and a token. Ctrl-C stops both.
 * The demo keeps its database in memory, so your ./data/cts.db is untouched; secrets come from ./data as usual.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { issueToken } from '@cts/api';
import {
  API_TYPE_MATRIX,
  type Environment,
  EXCHANGE_NAMES,
  EXCHANGES,
  type ExchangeId,
  environmentsOf,
  type Region,
} from '@cts/core';
import { startSimulatorServer } from '@cts/sim';
import { serve } from '@hono/node-server';
import { buildServer } from './deps.ts';
import { loadEnv } from './env.ts';
import { onShutdown } from './lifecycle.ts';
import { resolveSecrets } from './secrets.ts';

const env = loadEnv();
const sim = await startSimulatorServer({ port: 0 });
const cts = await buildServer({
  ...env,
  CTS_DATABASE_URL: ':memory:',
  CTS_EXCHANGE_BASE_URL: sim.url,
  CTS_LOG_LEVEL: env.CTS_LOG_LEVEL === 'info' ? 'warn' : env.CTS_LOG_LEVEL,
});
const server = serve({ fetch: cts.app.fetch, port: env.PORT, hostname: env.HOST }) as Server;
await new Promise<void>((resolve) => {
  server.once('listening', () => resolve());
  server.once('error', (err: NodeJS.ErrnoException) => {
    console.error(
      err.code === 'EADDRINUSE'
        ? `Port ${env.PORT} is in use (is \`npm start\` running?): stop it or run PORT=8788 npm run demo`
        : `The demo server could not start: ${err.message}`,
    );
    process.exit(1);
  });
});
const base = `http://${env.HOST}:${(server.address() as AddressInfo).port}`;
console.log('Creating and testing demo connections on every exchange...');
const token = await issueToken({
  secret: resolveSecrets({
    dataDir: env.CTS_DATA_DIR,
    masterKey: env.CTS_MASTER_KEY,
    jwtSecret: env.CTS_JWT_SECRET,
  }).jwtSecret,
  sub: 'demo',
  role: 'admin',
  ttl: '8h',
});

/** Where a demo key lives: an environment, and a region other than global where the exchange has them. */
type Place = { environment: Environment; region?: Region };

async function create(exchange: ExchangeId, apiType: string, place: Place): Promise<string> {
  const { environment, region } = place;
  const account = await sim.simulator.createAccount({ exchange, environment, ...(region ? { region } : {}) });
  const res = await fetch(`${base}/api/settings/connections`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      name: `${EXCHANGE_NAMES[exchange]} ${apiType.replace('_', ' ')}${environment === 'mainnet' ? '' : ` (${environment})`}${region ? ` ${region.toUpperCase()}` : ''}`,
      exchange,
      api_type: apiType,
      api_key: account.apiKey,
      api_secret: account.apiSecret,
      ...(account.passphrase ? { api_passphrase: account.passphrase } : {}),
      environment,
      ...(region ? { region } : {}),
    }),
  });
  const body = (await res.json()) as { connection?: { id: string }; error?: { message: string } };
  if (!res.ok || !body.connection)
    throw new Error(`demo: creating ${exchange} failed: ${body.error?.message}`);
  return body.connection.id;
}

type Listed = { id: string; name: string; state: string; last_balance: number | null };

async function get(id: string): Promise<Listed> {
  const res = await fetch(`${base}/api/settings/connections/${id}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { connection: Listed }).connection;
}

/** A created connection is tested in the background: wait (bounded) until it leaves `testing`. */
async function settle(id: string): Promise<Listed> {
  const deadline = Date.now() + 30_000;
  let c = await get(id);
  while (c.state === 'testing' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    c = await get(id);
  }
  return c;
}

// All at once, as a user adding several keys would: the shared rate limiter keeps the connections of each exchange,
// which share this machine's IP, inside the exchange's published limits together.
// Every environment each exchange has (from its descriptor), and OKX's EEA and US entities and Bybit EU.
const mainnet: Place = { environment: 'mainnet' };
const plan: Array<readonly [ExchangeId, string, Place]> = EXCHANGES.flatMap((exchange) => [
  ...API_TYPE_MATRIX[exchange]
    .filter((t) => t !== 'rest' && t !== 'websocket' && t !== 'margin')
    .map((t) => [exchange, t, mainnet] as const),
  ...environmentsOf(exchange)
    .filter((environment) => environment !== 'mainnet')
    .map((environment) => [exchange, 'spot', { environment }] as const),
]);
plan.push(
  ['okx', 'spot', { environment: 'mainnet', region: 'eea' }],
  ['okx', 'spot', { environment: 'mainnet', region: 'us' }],
  ['bybit', 'unified', { environment: 'mainnet', region: 'eu' }],
);
const connections = await Promise.all(
  plan.map(async ([exchange, apiType, place]) => settle(await create(exchange, apiType, place))),
);
for (const c of connections)
  console.log(`  ${c.state.padEnd(8)} ${c.name.padEnd(34)} balance ${c.last_balance ?? '-'}`);

console.log(`\nCTS demo — simulator at ${sim.url}, server at ${base}`);
const active = connections.filter((c) => c.state === 'active').length;
const violations = Object.values(sim.simulator.stats()).reduce(
  (n, s) => n + (s?.total.rateLimitViolations ?? 0),
  0,
);
console.log(
  `\n${active} of ${connections.length} demo connections active; the simulator counted ${violations} rate-limit violations.`,
);
console.log(`\nAdmin UI:  ${base}/admin   (sign in with the token below)`);
console.log(`API docs:  ${base}/api/docs`);
console.log(`Token (admin, 8 h):\n${token}\n`);
console.log(`Try: curl -H "Authorization: Bearer <token>" ${base}/api/settings/connections/health`);
console.log('Ctrl-C stops the demo.');

onShutdown(
  (signal, handler) => process.once(signal, handler),
  async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await cts.close();
    server.closeAllConnections();
    await closed;
    await sim.close();
  },
  (code) => process.exit(code),
  cts.logger,
);
