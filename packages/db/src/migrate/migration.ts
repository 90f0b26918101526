/** One drizzle-kit migration: its statements, the journal's `when` (ordering) and the file's SHA-256. */
export interface Migration {
  tag: string;
  /** The journal's timestamp; a migration runs when it is newer than the last one applied. */
  when: number;
  /** SHA-256 hex of the .sql file, as drizzle records it. */
  hash: string;
  /** Statements, split at `--> statement-breakpoint`. */
  sql: string[];
}
