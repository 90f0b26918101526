/** A small Prometheus text-format registry: counters and histograms with labels. */

type Labels = Record<string, string>;

const DEFAULT_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** `{a="1",b="2"}` or '' for no labels. */
export function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

interface HistogramSeries {
  labels: Labels;
  counts: number[];
  sum: number;
  count: number;
}

export class MetricsRegistry {
  readonly #counters = new Map<
    string,
    { help: string; series: Map<string, { labels: Labels; value: number }> }
  >();
  readonly #histograms = new Map<
    string,
    { help: string; buckets: number[]; series: Map<string, HistogramSeries> }
  >();

  /** Adds `by` (default 1) to a counter. */
  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    let metric = this.#counters.get(name);
    if (!metric) {
      metric = { help, series: new Map() };
      this.#counters.set(name, metric);
    }
    const key = formatLabels(labels);
    const series = metric.series.get(key);
    if (series) series.value += by;
    else metric.series.set(key, { labels, value: by });
  }

  /** Records one observation (seconds for latencies). */
  observe(name: string, help: string, labels: Labels, value: number, buckets = DEFAULT_BUCKETS): void {
    let metric = this.#histograms.get(name);
    if (!metric) {
      metric = { help, buckets, series: new Map() };
      this.#histograms.set(name, metric);
    }
    const key = formatLabels(labels);
    let series = metric.series.get(key);
    if (!series) {
      series = { labels, counts: metric.buckets.map(() => 0), sum: 0, count: 0 };
      metric.series.set(key, series);
    }
    for (let i = 0; i < metric.buckets.length; i++) if (value <= metric.buckets[i]!) series.counts[i]!++;
    series.sum += value;
    series.count++;
  }

  /** The counters and histograms in Prometheus text format 0.0.4. */
  render(): string {
    const lines: string[] = [];
    for (const [name, metric] of this.#counters) {
      lines.push(`# HELP ${name} ${metric.help}`, `# TYPE ${name} counter`);
      for (const s of metric.series.values()) lines.push(`${name}${formatLabels(s.labels)} ${s.value}`);
    }
    for (const [name, metric] of this.#histograms) {
      lines.push(`# HELP ${name} ${metric.help}`, `# TYPE ${name} histogram`);
      for (const s of metric.series.values()) {
        for (const [i, le] of metric.buckets.entries())
          lines.push(`${name}_bucket${formatLabels({ ...s.labels, le: String(le) })} ${s.counts[i]}`);
        lines.push(`${name}_bucket${formatLabels({ ...s.labels, le: '+Inf' })} ${s.count}`);
        lines.push(`${name}_sum${formatLabels(s.labels)} ${s.sum}`);
        lines.push(`${name}_count${formatLabels(s.labels)} ${s.count}`);
      }
    }
    return lines.join('\n');
  }
}

/** A gauge family rendered at scrape time. */
export function renderGauge(
  name: string,
  help: string,
  samples: Array<{ labels: Labels; value: number }>,
): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`];
  for (const s of samples) lines.push(`${name}${formatLabels(s.labels)} ${s.value}`);
  return lines.join('\n');
}
