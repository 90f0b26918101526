/**
 * `npm run token -- --role admin [--ttl 1h] [--sub name]`: prints a bearer token signed with CTS_JWT_SECRET
 * (or the generated ./data/jwt.secret). Mistakes print one line and the usage, never a stack trace.
 */
import { parseArgs } from 'node:util';
import { issueToken, parseTtl } from '@cts/api';
import { loadEnv } from './env.ts';
import { resolveSecrets } from './secrets.ts';

const USAGE = `Usage: npm run token -- [--role admin|viewer] [--ttl 1h] [--sub name]
  --role  admin changes things, viewer reads (default admin)
  --ttl   lifetime: 90s, 15m, 1h, 7d (default 1h; at most CTS_TOKEN_MAX_TTL, 30d by default)
  --sub   who the token is for, shown in logs (default cli)
Prints a bearer token signed with CTS_JWT_SECRET (or the generated ./data/jwt.secret).`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let values: { role?: string; ttl?: string; sub?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      role: { type: 'string', default: 'admin' },
      ttl: { type: 'string', default: '1h' },
      sub: { type: 'string', default: 'cli' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (err) {
  fail((err as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.role !== 'admin' && values.role !== 'viewer') fail('--role: expected admin or viewer');
try {
  const env = loadEnv();
  const { jwtSecret } = resolveSecrets({
    dataDir: env.CTS_DATA_DIR,
    masterKey: env.CTS_MASTER_KEY,
    jwtSecret: env.CTS_JWT_SECRET,
    jwtOnly: true,
  });
  console.log(
    await issueToken({
      secret: jwtSecret,
      sub: values.sub ?? 'cli',
      role: values.role,
      ttl: values.ttl,
      maxLifetimeS: parseTtl(env.CTS_TOKEN_MAX_TTL),
    }),
  );
} catch (err) {
  // TypeErrors of ours name the option and the rule; anything else is reported by class only.
  fail(err instanceof TypeError ? `--${err.message}` : `token: ${(err as Error).name}`);
}
