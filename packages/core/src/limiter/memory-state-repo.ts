import type { LimiterSave, LimiterSaved, LimiterStateRepo, SavedScope } from './limiter-state-repo.ts';

/**
 * LimiterStateRepo in memory: survives a PersistedLimiterStore, not the process (tests, and hosts that want the
 * store's behaviour without a database).
 */
export class MemoryLimiterStateRepo implements LimiterStateRepo {
  #mark: Omit<LimiterSaved, 'scopes'> | null = null;
  readonly #scopes = new Map<string, SavedScope>();

  async load(): Promise<LimiterSaved | null> {
    if (!this.#mark) return null;
    return { ...this.#mark, scopes: [...this.#scopes.values()].map((s) => structuredClone(s)) };
  }

  async save({ upserts, deletes, ...mark }: LimiterSave): Promise<void> {
    this.#mark = mark;
    for (const scope of upserts) this.#scopes.set(scope.key, structuredClone(scope));
    for (const key of deletes) this.#scopes.delete(key);
  }
}
