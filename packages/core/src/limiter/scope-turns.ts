import type { Lane } from './lane.ts';
import type { PlanEntry } from './plan.ts';

/**
 * Turns across queues: per scope, the queues (lanes) waiting on it, in the order they started waiting. Only the
 * first may try the scope; the others, and newcomers, wait for their turn, so a queue that has waited on a shared
 * scope (an IP's weight) is not overtaken by queues that arrive later. A lane waits on at most one scope.
 */
export class ScopeTurns {
  readonly #lists = new Map<string, Lane[]>();
  readonly #where = new Map<Lane, string>();

  /** A scope of `entries` on which another lane has the turn (so `lane` must wait), or undefined. */
  blocker(entries: readonly PlanEntry[], lane: Lane | undefined): string | undefined {
    if (this.#lists.size === 0) return undefined;
    for (const e of entries) {
      const list = this.#lists.get(e.key);
      if (list && list[0] !== lane) return e.key;
    }
    return undefined;
  }

  /** `lane` waits on `key`: it joins the end of that scope's line (keeping its place when already in it). */
  wait(key: string, lane: Lane): void {
    if (this.#where.get(lane) === key) return;
    this.leave(lane);
    const list = this.#lists.get(key) ?? [];
    this.#lists.set(key, list);
    list.push(lane);
    this.#where.set(lane, key);
  }

  /** `lane` no longer waits (admitted, or its queue emptied); when it had the turn, the next lane gets it. */
  leave(lane: Lane): void {
    const key = this.#where.get(lane);
    if (key === undefined) return;
    this.#where.delete(lane);
    const list = this.#lists.get(key)!;
    const i = list.indexOf(lane);
    list.splice(i, 1);
    if (list.length === 0) this.#lists.delete(key);
    else if (i === 0) list[0]!.kick();
  }
}
