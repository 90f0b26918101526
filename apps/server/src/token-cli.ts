/**
 * `npm run token -- --role admin [--ttl 1h] [--sub name]`: prints a bearer token signed with CTS_JWT_SECRET
 * (or the generated ./data/jwt.secret).
 */
import { parseArgs } from 'node:util';
import { issueToken } from '@cts/api';
import { loadEnv } from './env.ts';
import { resolveSecrets } from './secrets.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'admin' },
    ttl: { type: 'string', default: '1h' },
    sub: { type: 'string', default: 'cli' },
  },
});
if (values.role !== 'admin' && values.role !== 'viewer') {
  console.error('--role: expected admin or viewer');
  process.exit(2);
}
const env = loadEnv();
const { jwtSecret } = resolveSecrets({
  dataDir: env.CTS_DATA_DIR,
  masterKey: env.CTS_MASTER_KEY,
  jwtSecret: env.CTS_JWT_SECRET,
  jwtOnly: true,
});
console.log(await issueToken({ secret: jwtSecret, sub: values.sub, role: values.role, ttl: values.ttl }));
