import type { LimitFeedback, Permit } from './gate.ts';
import type { Plan } from './plan.ts';

export type Settle = (
  plan: Plan,
  ids: readonly number[],
  admittedAt: number,
  feedback: LimitFeedback | undefined,
) => void;

/** A granted request: holds one reservation id per scope of its plan until released. */
export class LimiterPermit implements Permit {
  readonly #settle: Settle;
  readonly #plan: Plan;
  readonly #ids: readonly number[];
  readonly #admittedAt: number;
  #released = false;

  constructor(settle: Settle, plan: Plan, ids: readonly number[], admittedAt: number) {
    this.#settle = settle;
    this.#plan = plan;
    this.#ids = ids;
    this.#admittedAt = admittedAt;
  }

  release(feedback?: LimitFeedback): void {
    if (this.#released) return;
    this.#released = true;
    this.#settle(this.#plan, this.#ids, this.#admittedAt, feedback);
  }
}
