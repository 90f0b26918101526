import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Migration } from './migration.ts';

/** The committed migrations folder, found relative to this module (works from any working directory). */
export const MIGRATIONS_FOLDER = new URL('../../migrations/', import.meta.url);

/** Reads drizzle-kit's journal and .sql files (Node, Bun, Deno; not Workers: use BUNDLED_MIGRATIONS there). */
export function readMigrations(folder: URL | string = MIGRATIONS_FOLDER): Migration[] {
  const base = typeof folder === 'string' ? pathToFileURL(folder.replace(/\/?$/, '/')) : folder;
  const journal = JSON.parse(readFileSync(new URL('meta/_journal.json', base), 'utf8')) as {
    entries: Array<{ tag: string; when: number }>;
  };
  return journal.entries.map((entry) => {
    const text = readFileSync(new URL(`${entry.tag}.sql`, base), 'utf8');
    return {
      tag: entry.tag,
      when: entry.when,
      hash: createHash('sha256').update(text).digest('hex'),
      sql: text.split('--> statement-breakpoint'),
    };
  });
}
