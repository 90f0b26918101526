/**
 * Re-encrypts every stored credential under a new master key.
 *
 *   npm run rotate-key [-- --dry-run]
 *     Run bare, like the server: the current key is ./data/master.key (CTS_DATA_DIR). A new key is generated and
 *     installed first (master.key holds it, the old one moves to master.key.previous, which the server also reads),
 *     then every blob is re-encrypted. Nothing is lost if it stops part-way: run it again.
 *
 *   CTS_MASTER_KEY=new:<base64> CTS_PREVIOUS_MASTER_KEYS=old:<base64> \
 *     node packages/db/src/cli/rotate-key.ts --db file:./data/cts.db [--dry-run]
 *     With the keys in the environment, as before: the files are not touched.
 *
 * Without --db it opens the server's CTS_DATABASE_URL (default file:./data/cts.db); CTS_DATABASE_AUTH_TOKEN (or
 * CTS_DB_AUTH_TOKEN) is used for a remote libsql:// URL. Keys and tokens are never printed.
 * Exit status: 0 done, 1 some blobs could not be opened, 2 bad usage or configuration.
 */
import { parseArgs } from 'node:util';
import { CredentialVault, generateMasterKey, parseMasterKeys } from '@cts/core/crypto';
import { createDb, createLibsqlClient, DEFAULT_DB_URL } from '../client.ts';
import { installNewKey, nextKeyId, readKeyFiles } from '../key-files.ts';
import { migrate } from '../migrate/migrate.ts';
import { rotateMasterKey } from '../rotate-key.ts';
import { createLibsqlStorage } from '../storage.ts';

const USAGE = `usage: npm run rotate-key [-- --db <url>] [--dry-run]
  bare: rotates ./data/master.key (CTS_DATA_DIR) to a new key, keeping the old one in master.key.previous
  or:   CTS_MASTER_KEY=<id>:<base64> [CTS_PREVIOUS_MASTER_KEYS=<id>:<base64>,…] node packages/db/src/cli/rotate-key.ts [--db <url>] [--dry-run]`;

/** The URL without query or user info (a token may hide there). */
function safeUrl(url: string): string {
  return url.replace(/\?.*$/, '').replace(/\/\/[^@/]*@/, '//');
}

async function main(): Promise<number> {
  let values: { db?: string; 'dry-run'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        db: { type: 'string' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const env = process.env;
  const dryRun = values['dry-run'] === true;
  let vault: CredentialVault;
  let installed: string | undefined;
  try {
    if (env.CTS_MASTER_KEY) {
      vault = await CredentialVault.fromKeys(
        await parseMasterKeys(env.CTS_MASTER_KEY, env.CTS_PREVIOUS_MASTER_KEYS ?? ''),
      );
    } else {
      // Bare, like the server: the data directory's key files.
      const dataDir = env.CTS_DATA_DIR || './data';
      const files = readKeyFiles(dataDir);
      if (!files.current) {
        console.error(
          `No master key: set CTS_MASTER_KEY or run from where ${dataDir}/master.key is.\n${USAGE}`,
        );
        return 2;
      }
      const old = await parseMasterKeys(files.current, '');
      const next = `${nextKeyId(old.current.id)}:${generateMasterKey()}`;
      const previous = [files.current, files.previous, env.CTS_PREVIOUS_MASTER_KEYS ?? '']
        .filter(Boolean)
        .join(',');
      vault = await CredentialVault.fromKeys(await parseMasterKeys(next, previous));
      // Installed before any blob is re-encrypted: whatever happens next, both keys are on disk.
      if (!dryRun) installNewKey(dataDir, next);
      installed = `${dataDir}/master.key`;
    }
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  // The server's variable names first, so that the CLI run beside the server opens the server's database.
  const url = values.db ?? (env.CTS_DATABASE_URL || env.CTS_DB_URL || DEFAULT_DB_URL);
  const client = createLibsqlClient(url, env.CTS_DATABASE_AUTH_TOKEN || env.CTS_DB_AUTH_TOKEN || undefined);
  try {
    const db = createDb(client);
    await migrate(db);
    const report = await rotateMasterKey(createLibsqlStorage(db), vault, { dryRun });
    console.log(
      `${dryRun ? 'dry run: ' : ''}${safeUrl(url)}: ${report.scanned} credential blob(s); ` +
        `${dryRun ? 'would re-encrypt' : 're-encrypted'} ${report.rotated} under key "${vault.currentKeyId}"; ` +
        `${report.current} already current; ${report.failed.length} unreadable; ` +
        `${report.skipped} changed meanwhile (kept as written)`,
    );
    if (installed)
      console.log(
        dryRun
          ? `dry run: ${installed} left as it is`
          : `${installed} now holds key "${vault.currentKeyId}"; the old key is kept in master.key.previous (npm start reads both)`,
      );
    for (const f of report.failed) console.error(`  ${f.id} (key "${f.keyId}"): ${f.message}`);
    return report.failed.length > 0 ? 1 : 0;
  } finally {
    client.close();
  }
}

process.exitCode = await main();
