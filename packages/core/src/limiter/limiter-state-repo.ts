/** One scope's saved log: entry times and costs (time order), and the pause. */
export interface SavedScope {
  key: string;
  times: number[];
  costs: number[];
  /** Epoch ms until which the scope is paused, or 0. */
  blockedUntil: number;
  /** The save that wrote it: equal to the mark's `savedAt` when the scope changed in the last period. */
  savedAt: number;
  /**
   * Set when a crash may have lost this scope's latest entries and no process has used the scope since: the time
   * at which restoreScope places the unknown entry. @default absent
   */
  lostAt?: number;
}

/** What one save records about the saving process. */
export interface LimiterSaveMark {
  /** Epoch ms of the save. */
  savedAt: number;
  /** True for the last save of a process that stopped cleanly (nothing admitted after it). */
  clean: boolean;
  /** The process's save period: an unclean process admitted nothing later than about `savedAt + intervalMs`. */
  intervalMs: number;
}

/** The last saved state: the mark of the newest save and every scope saved since. */
export interface LimiterSaved extends LimiterSaveMark {
  scopes: SavedScope[];
}

/** Scopes changed since the previous save, written atomically with the mark. */
export interface LimiterSave extends LimiterSaveMark {
  upserts: SavedScope[];
  /** Keys whose entries have all left their windows. */
  deletes: string[];
}

/**
 * Where PersistedLimiterStore keeps the rate limiter's windows across restarts. Implementation:
 * LibsqlLimiterStateRepo (@cts/db), in the server's own database.
 */
export interface LimiterStateRepo {
  /** The last saved state, or null when nothing was ever saved. */
  load(): Promise<LimiterSaved | null>;
  save(save: LimiterSave): Promise<void>;
}
