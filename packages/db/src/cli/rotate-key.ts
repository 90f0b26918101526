/**
 * Re-encrypts every stored credential under the current master key.
 *
 *   CTS_MASTER_KEY=new:<base64> CTS_PREVIOUS_MASTER_KEYS=old:<base64> \
 *     node packages/db/src/cli/rotate-key.ts --db file:./data/cts.db [--dry-run]
 *
 * Without --db it opens the server's CTS_DATABASE_URL (default file:./data/cts.db); CTS_DATABASE_AUTH_TOKEN (or
 * CTS_DB_AUTH_TOKEN) is used for a remote libsql:// URL. Keys and tokens are never printed.
 * Exit status: 0 done, 1 some blobs could not be opened, 2 bad usage or configuration.
 */
import { parseArgs } from 'node:util';
import { CredentialVault, parseMasterKeys } from '@cts/core/crypto';
import { createDb, createLibsqlClient, DEFAULT_DB_URL } from '../client.ts';
import { migrate } from '../migrate/migrate.ts';
import { rotateMasterKey } from '../rotate-key.ts';
import { createLibsqlStorage } from '../storage.ts';

const USAGE =
  'usage: CTS_MASTER_KEY=<id>:<base64> [CTS_PREVIOUS_MASTER_KEYS=<id>:<base64>,…] node packages/db/src/cli/rotate-key.ts [--db <url>] [--dry-run]';

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
  let vault: CredentialVault;
  try {
    vault = await CredentialVault.fromKeys(
      await parseMasterKeys(process.env.CTS_MASTER_KEY ?? '', process.env.CTS_PREVIOUS_MASTER_KEYS ?? ''),
    );
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  // The server's variable names first, so that the CLI run beside the server opens the server's database.
  const env = process.env;
  const url = values.db ?? (env.CTS_DATABASE_URL || env.CTS_DB_URL || DEFAULT_DB_URL);
  const client = createLibsqlClient(url, env.CTS_DATABASE_AUTH_TOKEN || env.CTS_DB_AUTH_TOKEN || undefined);
  try {
    const db = createDb(client);
    await migrate(db);
    const dryRun = values['dry-run'] === true;
    const report = await rotateMasterKey(createLibsqlStorage(db), vault, { dryRun });
    console.log(
      `${dryRun ? 'dry run: ' : ''}${safeUrl(url)}: ${report.scanned} credential blob(s); ` +
        `${dryRun ? 'would re-encrypt' : 're-encrypted'} ${report.rotated} under key "${vault.currentKeyId}"; ` +
        `${report.current} already current; ${report.failed.length} unreadable; ` +
        `${report.skipped} changed meanwhile (kept as written)`,
    );
    for (const f of report.failed) console.error(`  ${f.id} (key "${f.keyId}"): ${f.message}`);
    return report.failed.length > 0 ? 1 : 0;
  } finally {
    client.close();
  }
}

process.exitCode = await main();
