import type { CredentialVault, Logger, Storage } from '@cts/core';

export interface CredentialCheck {
  /** Blobs tried (at most `sample`). */
  checked: number;
  unreadable: number;
  /** Key ids of the blobs that did not open (ids only, never key material). */
  keyIds: string[];
}

/**
 * At start: opens up to `sample` stored credential blobs with the configured master key(s). When none opens (a
 * rotated or regenerated ./data/master.key, a missing CTS_PREVIOUS_MASTER_KEYS) it says so loudly at error level;
 * when some do not, at warn. Every test would otherwise fail later with vault.unreadable, one by one.
 */
export async function checkCredentials(
  storage: Storage,
  vault: CredentialVault,
  logger: Logger,
  sample = 50,
): Promise<CredentialCheck> {
  const blobs = (await storage.connections.listCredentials()).slice(0, sample);
  const keyIds = new Set<string>();
  let unreadable = 0;
  for (const { id, credentials } of blobs) {
    try {
      await vault.open(id, credentials);
    } catch {
      unreadable++;
      keyIds.add(credentials.keyId);
    }
  }
  const result = { checked: blobs.length, unreadable, keyIds: [...keyIds] };
  const fields = {
    ...result,
    configuredKey: vault.currentKeyId,
    hint: 'Configure the master key that sealed them: ./data/master.key (and master.key.previous), CTS_MASTER_KEY, or CTS_PREVIOUS_MASTER_KEYS after a rotation.',
  };
  if (blobs.length > 0 && unreadable === blobs.length)
    logger.error('NO stored credential can be opened with the configured master key', fields);
  else if (unreadable > 0) logger.warn('some stored credentials cannot be opened', fields);
  return result;
}
