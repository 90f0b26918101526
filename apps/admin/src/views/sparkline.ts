import { type Html, html } from './html.ts';

/**
 * An inline SVG sparkline of `values` (nulls are gaps), scaled to [min, max] (or the data's range). Labelled for
 * screen readers with `label`. Only numbers reach the SVG.
 */
export function sparkline(
  values: Array<number | null>,
  options: { label: string; min?: number; max?: number; tone?: 'ok' | 'accent' },
): Html {
  const w = 120;
  const h = 28;
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return html`<span class="muted">no data</span>`;
  const min = options.min ?? Math.min(...present);
  const max = options.max ?? Math.max(...present);
  const span = max - min || 1;
  const step = values.length > 1 ? w / (values.length - 1) : 0;
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (current.length) segments.push(current.join(' '));
      current = [];
      return;
    }
    const x = values.length > 1 ? i * step : w / 2;
    const y = h - 2 - ((v - min) / span) * (h - 4);
    current.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  const cls = options.tone === 'ok' ? 'line line-ok' : 'line';
  return html`<svg class="sparkline" viewBox="0 0 ${w} ${h}" role="img" aria-label="${options.label}" preserveAspectRatio="none">${segments.map(
    (points) =>
      points.includes(' ')
        ? html`<polyline class="${cls}" points="${points}"/>`
        : html`<circle class="${cls}" r="1.5" cx="${points.split(',')[0]}" cy="${points.split(',')[1]}"/>`,
  )}</svg>`;
}

/**
 * An inline SVG bar sparkline of percentages (0..100), one bar per bucket; empty buckets are drawn as a faint
 * baseline so that gaps read as "no data", not as 0%.
 */
export function barSparkline(values: Array<number | null>, options: { label: string }): Html {
  const w = 120;
  const h = 28;
  if (values.every((v) => v === null)) return html`<span class="muted">no data</span>`;
  const slot = w / values.length;
  const bar = Math.max(1, slot - 1);
  return html`<svg class="sparkline" viewBox="0 0 ${w} ${h}" role="img" aria-label="${options.label}" preserveAspectRatio="none">${values.map(
    (v, i) => {
      const x = (i * slot).toFixed(1);
      if (v === null)
        return html`<rect class="bar-empty" x="${x}" y="${h - 1}" width="${bar.toFixed(1)}" height="1"/>`;
      const height = Math.max(1, (Math.min(100, Math.max(0, v)) / 100) * (h - 2));
      const cls = v >= 99 ? 'bar bar-ok' : v >= 90 ? 'bar bar-warn' : 'bar bar-err';
      return html`<rect class="${cls}" x="${x}" y="${(h - height).toFixed(1)}" width="${bar.toFixed(1)}" height="${height.toFixed(1)}"/>`;
    },
  )}</svg>`;
}
