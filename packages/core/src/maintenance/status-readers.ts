import type { ExchangeId } from '../exchanges/catalog.ts';

/** One maintenance window an exchange announces. Times are epoch ms; null when the exchange does not say. */
export interface MaintenanceWindow {
  exchange: ExchangeId;
  state: 'scheduled' | 'ongoing';
  begin: number | null;
  end: number | null;
  message: string;
}

type Row = Record<string, unknown>;

const ms = (value: unknown): number | null => {
  const n = typeof value === 'string' && value !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null;
};
const rows = (value: unknown): Row[] =>
  Array.isArray(value) ? value.filter((r): r is Row => r !== null && typeof r === 'object') : [];

/** Keeps the windows that are not over: scheduled ones and those covering `now` (the exchange's state aside). */
function open(
  exchange: ExchangeId,
  list: Row[],
  now: number,
  title: (r: Row) => string,
): MaintenanceWindow[] {
  const out: MaintenanceWindow[] = [];
  for (const r of list) {
    const state = String(r.state ?? '');
    if (state === 'completed' || state === 'canceled') continue;
    const begin = ms(r.begin);
    const end = ms(r.end);
    if (end !== null && end <= now) continue;
    const ongoing = state === 'ongoing' || state === 'pre_open' || (begin !== null && begin <= now);
    out.push({ exchange, state: ongoing ? 'ongoing' : 'scheduled', begin, end, message: title(r) });
  }
  return out;
}

/** A public status endpoint and its reader (reference exchanges-2026.md §3). */
export interface StatusEndpoint {
  path: string;
  read(json: unknown, now: number): MaintenanceWindow[];
}

/**
 * The exchanges with a status endpoint. Bybit `GET /v5/system/status` (result.list[] with state, begin, end in ms);
 * Binance `GET /sapi/v1/system/status` ({status: 0 normal | 1 system_maintenance}, no window times); OKX
 * `GET /api/v5/system/status` (data[] with state scheduled/ongoing/pre_open/completed/canceled, begin, end).
 * BingX, Pionex and OrangeX publish none.
 */
export const STATUS_ENDPOINTS: Partial<Record<ExchangeId, StatusEndpoint>> = {
  bybit: {
    path: '/v5/system/status',
    read: (json, now) => {
      const result = (json as { result?: { list?: unknown } } | null)?.result;
      return open('bybit', rows(result?.list), now, (r) => String(r.title ?? 'Bybit system maintenance'));
    },
  },
  binance: {
    path: '/sapi/v1/system/status',
    read: (json) => {
      const body = json as { status?: unknown; msg?: unknown } | null;
      return Number(body?.status) === 1
        ? [
            {
              exchange: 'binance',
              state: 'ongoing',
              begin: null,
              end: null,
              message: String(body?.msg ?? 'system_maintenance'),
            },
          ]
        : [];
    },
  },
  okx: {
    path: '/api/v5/system/status',
    read: (json, now) =>
      open('okx', rows((json as { data?: unknown } | null)?.data), now, (r) =>
        String(r.title ?? 'OKX system maintenance'),
      ),
  },
};
