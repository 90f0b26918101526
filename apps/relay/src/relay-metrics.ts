/** The relay's counters, served at /metrics in the Prometheus text format. */

/** Why an envelope was refused (the `reason` label and the JSON error's `code`). */
export type RefusalReason =
  | 'unsigned'
  | 'bad_signature'
  | 'expired'
  | 'replayed'
  | 'host_not_allowed'
  | 'method_not_allowed'
  | 'body_too_large'
  | 'headers_too_large'
  | 'bad_envelope'
  | 'not_found';

export class RelayMetrics {
  #forwarded = new Map<string, number>();
  #refused = new Map<RefusalReason, number>();
  #upstreamErrors = new Map<string, number>();

  forwarded(status: number): void {
    const key = `${Math.floor(status / 100)}xx`;
    this.#forwarded.set(key, (this.#forwarded.get(key) ?? 0) + 1);
  }

  refused(reason: RefusalReason): void {
    this.#refused.set(reason, (this.#refused.get(reason) ?? 0) + 1);
  }

  upstreamError(kind: 'unreachable' | 'timeout'): void {
    this.#upstreamErrors.set(kind, (this.#upstreamErrors.get(kind) ?? 0) + 1);
  }

  /** Refusals so far (all reasons, or one). */
  refusedCount(reason?: RefusalReason): number {
    if (reason) return this.#refused.get(reason) ?? 0;
    return [...this.#refused.values()].reduce((a, b) => a + b, 0);
  }

  /** Calls forwarded to an exchange that answered. */
  forwardedCount(): number {
    return [...this.#forwarded.values()].reduce((a, b) => a + b, 0);
  }

  render(): string {
    const lines = [
      '# HELP cts_relay_forwarded_total Envelopes forwarded to an exchange that answered, by status class.',
      '# TYPE cts_relay_forwarded_total counter',
      ...[...this.#forwarded].map(([k, v]) => `cts_relay_forwarded_total{status="${k}"} ${v}`),
      '# HELP cts_relay_refused_total Envelopes refused before anything was forwarded, by reason.',
      '# TYPE cts_relay_refused_total counter',
      ...[...this.#refused].map(([k, v]) => `cts_relay_refused_total{reason="${k}"} ${v}`),
      '# HELP cts_relay_upstream_errors_total Forwarded calls the exchange did not answer.',
      '# TYPE cts_relay_upstream_errors_total counter',
      ...[...this.#upstreamErrors].map(([k, v]) => `cts_relay_upstream_errors_total{kind="${k}"} ${v}`),
    ];
    return `${lines.join('\n')}\n`;
  }
}
