/**
 * Standalone simulator: `node packages/sim/src/cli.ts --port 9999 [--demo] [--profile published|seed]
 * [--demo-file path] [--trust-proxy]`. Binds 127.0.0.1. With --demo, seeds one account per exchange and
 * environment, writes their credentials to the demo file (mode 600) and prints only their ids.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXCHANGES } from '@cts/core/exchanges';
import type { CreatedAccount } from './accounts/account-store.ts';
import { startSimulatorServer } from './server.ts';
import { environmentPrefixes } from './simulator.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9999' },
    demo: { type: 'boolean', default: false },
    profile: { type: 'string', default: 'published' },
    'demo-file': { type: 'string', default: join(tmpdir(), 'cts-sim-demo-accounts.json') },
    'trust-proxy': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('--port: expected an integer 0..65535');
  process.exit(2);
}
if (values.profile !== 'published' && values.profile !== 'seed') {
  console.error("--profile: expected 'published' or 'seed'");
  process.exit(2);
}

const server = await startSimulatorServer({
  port,
  profile: values.profile,
  trustProxy: values['trust-proxy'],
});
console.log(`Simulator URL: ${server.url} (profile ${values.profile})`);

if (values.demo) {
  const accounts: CreatedAccount[] = [];
  for (const exchange of EXCHANGES)
    for (const { environment } of environmentPrefixes(exchange)) {
      accounts.push(await server.simulator.createAccount({ exchange, environment }));
      if (exchange === 'okx')
        accounts.push(await server.simulator.createAccount({ exchange, environment: 'demo' }));
    }
  // `mode` applies only to a file being created: an earlier demo file (perhaps world-readable) is removed first,
  // and 'wx' refuses to write through anything recreated in between.
  rmSync(values['demo-file'], { force: true });
  writeFileSync(values['demo-file'], `${JSON.stringify({ baseUrl: server.url, accounts }, null, 2)}\n`, {
    mode: 0o600,
    flag: 'wx',
  });
  for (const a of accounts) console.log(`demo account ${a.id} (${a.exchange} ${a.environment})`);
  console.log(`demo credentials written to ${values['demo-file']}`);
}

console.log(`CTS simulator ready on ${server.url}`);

const stop = () => {
  void server.close().then(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
