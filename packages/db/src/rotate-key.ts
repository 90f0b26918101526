import type { CredentialVault } from '@cts/core/crypto';
import type { Storage } from '@cts/core/storage';

export interface RotationReport {
  /** Blobs looked at. */
  scanned: number;
  /** Blobs re-encrypted under the current key. */
  rotated: number;
  /** Blobs already under the current key. */
  current: number;
  /** Blobs that could not be opened (their key is not configured, or they were altered); left as they were. */
  failed: Array<{ id: string; keyId: string; message: string }>;
}

export interface RotationOptions {
  /** Open every blob that needs rotation but write nothing (`rotated` counts what would be). @default false */
  dryRun?: boolean;
}

/**
 * Re-encrypts every credential blob not sealed by the vault's current key. Idempotent; each row is written alone,
 * so a crash part-way leaves every row readable with the old or the new key (keep the old key configured as a
 * previous key until a run reports `failed: []` and `rotated: 0`). Never logs or returns a secret.
 *
 * @example
 * const vault = await CredentialVault.fromKeys({ current: newKey, previous: [oldKey] });
 * const report = await rotateMasterKey(storage, vault);
 */
export async function rotateMasterKey(
  storage: Storage,
  vault: CredentialVault,
  options: RotationOptions = {},
): Promise<RotationReport> {
  const report: RotationReport = { scanned: 0, rotated: 0, current: 0, failed: [] };
  for (const { id, credentials } of await storage.connections.listCredentials()) {
    report.scanned++;
    if (!vault.needsRotation(credentials)) {
      report.current++;
      continue;
    }
    let secrets: Awaited<ReturnType<CredentialVault['open']>>;
    try {
      secrets = await vault.open(id, credentials);
    } catch (err) {
      report.failed.push({ id, keyId: credentials.keyId, message: (err as Error).message });
      continue;
    }
    if (!options.dryRun) await storage.connections.replaceCredentials(id, await vault.seal(id, secrets));
    report.rotated++;
  }
  return report;
}
