/**
 * A binary heap: highest `priority` first, then first in, first out (by insertion sequence).
 */
interface Entry<T> {
  priority: number;
  seq: number;
  value: T;
}

export class PriorityQueue<T> {
  readonly #heap: Array<Entry<T>> = [];
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  push(value: T, priority = 0): void {
    this.#heap.push({ priority, seq: this.#seq++, value });
    this.#up(this.#heap.length - 1);
  }

  /** The next entry without removing it. */
  peek(): Entry<T> | undefined {
    return this.#heap[0];
  }

  pop(): T | undefined {
    const top = this.#heap[0];
    const last = this.#heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (this.#heap.length > 0) {
      this.#heap[0] = last;
      this.#down(0);
    }
    return top.value;
  }

  /** Removes and returns every entry matching `predicate`. */
  drain(predicate: (value: T) => boolean): T[] {
    const out: T[] = [];
    const kept: Array<Entry<T>> = [];
    for (const e of this.#heap) {
      if (predicate(e.value)) out.push(e.value);
      else kept.push(e);
    }
    this.#heap.length = 0;
    for (const e of kept) {
      this.#heap.push(e);
      this.#up(this.#heap.length - 1);
    }
    return out;
  }

  #before(i: number, j: number): boolean {
    const a = this.#heap[i]!;
    const b = this.#heap[j]!;
    return a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq);
  }

  #swap(i: number, j: number): void {
    const t = this.#heap[i]!;
    this.#heap[i] = this.#heap[j]!;
    this.#heap[j] = t;
  }

  #up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(i, parent)) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < this.#heap.length && this.#before(l, best)) best = l;
      if (r < this.#heap.length && this.#before(r, best)) best = r;
      if (best === i) return;
      this.#swap(i, best);
      i = best;
    }
  }
}
