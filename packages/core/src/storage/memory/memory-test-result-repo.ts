import type { StoredTestResult, TestResultRepo } from '../ports.ts';

/** Test results per connection, newest last internally; copies in and out. */
export class MemoryTestResultRepo implements TestResultRepo {
  readonly #byConnection = new Map<string, StoredTestResult[]>();

  async add(entry: StoredTestResult): Promise<void> {
    let list = this.#byConnection.get(entry.connectionId);
    if (!list) {
      list = [];
      this.#byConnection.set(entry.connectionId, list);
    }
    list.push(structuredClone(entry));
  }

  async listByConnection(connectionId: string, limit: number): Promise<StoredTestResult[]> {
    const list = this.#byConnection.get(connectionId) ?? [];
    return [...list]
      .sort((a, b) => b.startedAt - a.startedAt)
      .slice(0, Math.max(0, limit))
      .map((e) => structuredClone(e));
  }

  async deleteOlderThan(before: number): Promise<number> {
    let deleted = 0;
    for (const [id, list] of this.#byConnection) {
      const kept = list.filter((e) => e.startedAt >= before);
      deleted += list.length - kept.length;
      if (kept.length === 0) this.#byConnection.delete(id);
      else this.#byConnection.set(id, kept);
    }
    return deleted;
  }

  /** Drops a deleted connection's results (the connection repo's cascade). */
  deleteConnection(connectionId: string): void {
    this.#byConnection.delete(connectionId);
  }
}
