import { channelVaultId } from '@cts/core/alerts';
import type { CredentialVault } from '@cts/core/crypto';
import type { Storage } from '@cts/core/storage';

export interface RotationReport {
  /** Blobs looked at. */
  scanned: number;
  /** Blobs re-encrypted under the current key. */
  rotated: number;
  /** Blobs already under the current key. */
  current: number;
  /**
   * Blobs changed (or the connection deleted) between the scan and the write: left as the other writer made them,
   * which seals with the current key. A rerun picks up any that still need rotation.
   */
  skipped: number;
  /** Blobs that could not be opened (their key is not configured, or they were altered); left as they were. */
  failed: Array<{ id: string; keyId: string; message: string }>;
}

export interface RotationOptions {
  /** Open every blob that needs rotation but write nothing (`rotated` counts what would be). @default false */
  dryRun?: boolean;
}

/**
 * Re-encrypts every credential blob not sealed by the vault's current key. Idempotent; each row is written alone,
 * only if its blob is still the one read (`skipped` counts those another writer changed meanwhile),
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
  const report: RotationReport = { scanned: 0, rotated: 0, current: 0, skipped: 0, failed: [] };
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
    if (options.dryRun) {
      report.rotated++;
      continue;
    }
    // Compare-and-swap on the blob just read: a credentials update landing meanwhile is never overwritten.
    const replaced = await storage.connections.replaceCredentials(
      id,
      await vault.seal(id, secrets),
      credentials,
    );
    if (replaced) report.rotated++;
    else report.skipped++;
  }
  if (storage.alerts) await rotateAlertChannels(storage.alerts, vault, options, report);
  return report;
}

/** The same for alert channels' sealed secrets (webhook URLs, bot tokens), ids reported as `alert-channel:<id>`. */
async function rotateAlertChannels(
  store: NonNullable<Storage['alerts']>,
  vault: CredentialVault,
  options: RotationOptions,
  report: RotationReport,
): Promise<void> {
  for (const channel of await store.listChannels()) {
    const id = channelVaultId(channel.id);
    report.scanned++;
    if (!vault.needsRotation(channel.secrets)) {
      report.current++;
      continue;
    }
    let secrets: Awaited<ReturnType<CredentialVault['open']>>;
    try {
      secrets = await vault.open(id, channel.secrets);
    } catch (err) {
      report.failed.push({ id, keyId: channel.secrets.keyId, message: (err as Error).message });
      continue;
    }
    if (options.dryRun) {
      report.rotated++;
      continue;
    }
    const sealed = await vault.seal(id, secrets);
    // Re-read just before writing: a channel edited meanwhile (sealed with the current key already) is kept.
    const now = await store.getChannel(channel.id);
    if (!now || now.secrets.ciphertext !== channel.secrets.ciphertext) {
      report.skipped++;
      continue;
    }
    await store.updateChannel({ ...now, secrets: sealed });
    report.rotated++;
  }
}
