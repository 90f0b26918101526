import type { HealthSample, HealthSampleRepo } from '../ports.ts';

/**
 * Health samples per connection in growable typed columns (time, response time, success, error code index): about
 * 15 bytes a sample instead of an object each, so a day of 5-minute samples for 5,000 connections takes ~22 MB.
 */
class Columns {
  at = new Float64Array(16);
  ms = new Float32Array(16);
  ok = new Uint8Array(16);
  code = new Uint16Array(16);
  length = 0;

  push(at: number, ms: number, ok: boolean, code: number): void {
    if (this.length === this.at.length) this.#grow(this.at.length * 2);
    this.at[this.length] = at;
    this.ms[this.length] = ms;
    this.ok[this.length] = ok ? 1 : 0;
    this.code[this.length] = code;
    this.length++;
  }

  /** Keeps the samples at or after `since`; returns how many were dropped. */
  dropBefore(since: number): number {
    let keep = 0;
    for (let i = 0; i < this.length; i++) {
      if (this.at[i]! < since) continue;
      this.at[keep] = this.at[i]!;
      this.ms[keep] = this.ms[i]!;
      this.ok[keep] = this.ok[i]!;
      this.code[keep] = this.code[i]!;
      keep++;
    }
    const dropped = this.length - keep;
    this.length = keep;
    if (this.at.length > 64 && keep < this.at.length / 4) this.#grow(Math.max(16, keep * 2));
    return dropped;
  }

  #grow(size: number): void {
    const copy = <T extends Float64Array | Float32Array | Uint8Array | Uint16Array>(a: T, b: T): T => {
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.at = copy(this.at, new Float64Array(size));
    this.ms = copy(this.ms, new Float32Array(size));
    this.ok = copy(this.ok, new Uint8Array(size));
    this.code = copy(this.code, new Uint16Array(size));
  }
}

export class MemoryHealthSampleRepo implements HealthSampleRepo {
  readonly #byConnection = new Map<string, Columns>();
  /** Error codes interned; index 0 is "no code". */
  readonly #codes: Array<string | null> = [null];
  readonly #codeIndex = new Map<string, number>();

  async add(sample: HealthSample): Promise<void> {
    let cols = this.#byConnection.get(sample.connectionId);
    if (!cols) {
      cols = new Columns();
      this.#byConnection.set(sample.connectionId, cols);
    }
    const at = sample.at;
    // Kept sorted by time: samples almost always arrive in order; an out-of-order one is inserted.
    if (cols.length > 0 && at < cols.at[cols.length - 1]!) return this.#insertSorted(cols, sample);
    cols.push(at, sample.responseTimeMs, sample.success, this.#intern(sample.errorCode ?? null));
  }

  async listSince(connectionId: string, since: number): Promise<HealthSample[]> {
    const cols = this.#byConnection.get(connectionId);
    if (!cols) return [];
    const out: HealthSample[] = [];
    for (let i = 0; i < cols.length; i++) {
      if (cols.at[i]! < since) continue;
      out.push({
        connectionId,
        at: cols.at[i]!,
        success: cols.ok[i] === 1,
        responseTimeMs: cols.ms[i]!,
        errorCode: this.#codes[cols.code[i]!] ?? null,
      });
    }
    return out;
  }

  async deleteOlderThan(before: number): Promise<number> {
    let deleted = 0;
    for (const [id, cols] of this.#byConnection) {
      deleted += cols.dropBefore(before);
      if (cols.length === 0) this.#byConnection.delete(id);
    }
    return deleted;
  }

  /** Drops a deleted connection's samples (the connection repo's cascade). */
  deleteConnection(connectionId: string): void {
    this.#byConnection.delete(connectionId);
  }

  #intern(code: string | null): number {
    if (code === null) return 0;
    let i = this.#codeIndex.get(code);
    if (i === undefined) {
      i = this.#codes.length;
      if (i > 0xffff) throw new RangeError('too many distinct error codes');
      this.#codes.push(code);
      this.#codeIndex.set(code, i);
    }
    return i;
  }

  #insertSorted(cols: Columns, s: HealthSample): void {
    const all = [];
    for (let i = 0; i < cols.length; i++)
      all.push({ at: cols.at[i]!, ms: cols.ms[i]!, ok: cols.ok[i] === 1, code: cols.code[i]! });
    all.push({ at: s.at, ms: s.responseTimeMs, ok: s.success, code: this.#intern(s.errorCode ?? null) });
    all.sort((a, b) => a.at - b.at);
    cols.length = 0;
    for (const x of all) cols.push(x.at, x.ms, x.ok, x.code);
  }
}
