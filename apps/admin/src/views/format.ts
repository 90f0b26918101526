/** Display helpers: numbers, times and labels (pure; no HTML). */
const API_TYPE_LABELS: Record<string, string> = {
  rest: 'REST',
  websocket: 'WebSocket',
  unified: 'Unified',
  perpetual_futures: 'Perpetual futures',
  spot: 'Spot',
  margin: 'Margin',
};

export function apiTypeLabel(apiType: string): string {
  return API_TYPE_LABELS[apiType] ?? apiType;
}

export function formatAmount(value: number | null | undefined, currency?: string | null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = value.toLocaleString('en-US', { maximumFractionDigits: value >= 100 ? 2 : 6 });
  return currency ? `${text} ${currency}` : text;
}

export function formatTime(epochMs: number | null | undefined): string {
  if (epochMs === null || epochMs === undefined) return 'never';
  return `${new Date(epochMs).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return `${Math.round(ms)} ms`;
}

export function formatPercent(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const n = typeof value === 'string' ? Number(value) : value;
  return Number.isFinite(n) ? `${n.toFixed(2)}%` : '—';
}
