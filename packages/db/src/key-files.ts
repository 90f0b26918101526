/**
 * The master key files of a data directory (Node hosts): `master.key` holds the current key, `master.key.previous`
 * the keys it replaced (one `<id>:<base64>` a line), so that a rotation run bare (`npm run rotate-key`) loses nothing
 * and the next start opens every credential. Never used on the Worker (keys come from its secrets there).
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MASTER_KEY_FILE = 'master.key';
export const PREVIOUS_KEYS_FILE = 'master.key.previous';

export interface KeyFiles {
  /** The current key (`<id>:<base64>`), or undefined when there is no master.key yet. */
  current?: string;
  /** Earlier keys, comma-separated (the CTS_PREVIOUS_MASTER_KEYS format); '' when none. */
  previous: string;
}

/** Reads master.key and master.key.previous of `dataDir`. */
export function readKeyFiles(dataDir: string): KeyFiles {
  const read = (name: string) => {
    const path = join(dataDir, name);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  };
  const current = read(MASTER_KEY_FILE)?.trim() || undefined;
  const previous = (read(PREVIOUS_KEYS_FILE) ?? '')
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(',');
  return { current, previous };
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

/**
 * Makes `next` the current key: the old current key is first appended to master.key.previous, then master.key is
 * replaced (each file written whole, then renamed), so at every moment both keys are on disk.
 */
export function installNewKey(dataDir: string, next: string): void {
  const { current, previous } = readKeyFiles(dataDir);
  if (current) {
    const keys = [...previous.split(',').filter(Boolean), current];
    writeAtomically(join(dataDir, PREVIOUS_KEYS_FILE), `${[...new Set(keys)].join('\n')}\n`);
  }
  writeAtomically(join(dataDir, MASTER_KEY_FILE), `${next}\n`);
}

/** The next key id after `id`: k1 → k2, anything else → k<epoch seconds>. */
export function nextKeyId(id: string | undefined, now = Date.now()): string {
  const n = /^k(\d{1,6})$/.exec(id ?? '')?.[1];
  return n === undefined ? `k${Math.floor(now / 1000)}` : `k${Number(n) + 1}`;
}
