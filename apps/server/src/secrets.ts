import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateMasterKey, randomHex } from '@cts/core';
import { MASTER_KEY_FILE, readKeyFiles } from '@cts/db/key-files';

export interface ResolvedSecrets {
  /** Empty when `jwtOnly`. */
  masterKey: string;
  /** Keys a bare `npm run rotate-key` replaced (`<dataDir>/master.key.previous`), comma-separated; '' when none. */
  previousMasterKeys: string;
  jwtSecret: string;
  /** Which ones were generated on this start (first start). */
  generated: Array<'CTS_MASTER_KEY' | 'CTS_JWT_SECRET'>;
}

function readOrCreate(path: string, make: () => string): { value: string; created: boolean } {
  if (existsSync(path)) return { value: readFileSync(path, 'utf8').trim(), created: false };
  writeFileSync(path, `${make()}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return { value: readFileSync(path, 'utf8').trim(), created: true };
}

/**
 * CTS_MASTER_KEY and CTS_JWT_SECRET from the environment, else from `<dataDir>/master.key` and
 * `<dataDir>/jwt.secret`, generated there (mode 0600) on first start; with master.key, the keys a bare rotation
 * replaced (`master.key.previous`).
 */
export function resolveSecrets(options: {
  dataDir: string;
  masterKey?: string;
  jwtSecret?: string;
  /** Only resolve the JWT secret (the token CLI), leaving the master key alone. @default false */
  jwtOnly?: boolean;
}): ResolvedSecrets {
  const generated: ResolvedSecrets['generated'] = [];
  if ((options.masterKey === undefined && !options.jwtOnly) || options.jwtSecret === undefined)
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  let masterKey = options.masterKey ?? '';
  let previousMasterKeys = '';
  if (options.masterKey === undefined && !options.jwtOnly) {
    const r = readOrCreate(join(options.dataDir, MASTER_KEY_FILE), () => `k1:${generateMasterKey()}`);
    masterKey = r.value;
    if (r.created) generated.push('CTS_MASTER_KEY');
    previousMasterKeys = readKeyFiles(options.dataDir).previous;
  }
  let jwtSecret = options.jwtSecret;
  if (jwtSecret === undefined) {
    const r = readOrCreate(join(options.dataDir, 'jwt.secret'), () => randomHex(32));
    jwtSecret = r.value;
    if (r.created) generated.push('CTS_JWT_SECRET');
  }
  return { masterKey, previousMasterKeys, jwtSecret, generated };
}
