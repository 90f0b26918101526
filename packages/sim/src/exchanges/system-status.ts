import type { ExchangeId } from '@cts/core/exchanges';
import type { Context } from 'hono';
import type { SimDeps } from './deps.ts';

type Window = { fromMs?: number; untilMs?: number };

const state = (w: Window, now: number) =>
  w.fromMs !== undefined && w.fromMs > now ? 'scheduled' : 'ongoing';
const ms = (v: number | undefined) => (v === undefined ? '' : String(v));

/**
 * The exchanges' public status endpoints (reference 2026 §3), served from the simulator's `maintenance` faults
 * (their `fromMs` / `untilMs` become the window's begin / end). They answer during maintenance (a status page is
 * not the API it reports on) and are not rate limited here. Field values beyond the reference's field names
 * (ids, titles, serviceTypes/product/maintainType/env numbers) are UNCONFIRMED.
 */
export function systemStatusHandler(deps: SimDeps, exchange: ExchangeId) {
  return (c: Context) => {
    const now = deps.clock.now();
    deps.stats.request(exchange, 'anonymous');
    deps.stats.accepted(exchange, 'anonymous');
    const windows = deps.faults.windows(exchange, now);
    if (exchange === 'binance')
      return c.json(
        windows.some((w) => state(w, now) === 'ongoing')
          ? { status: 1, msg: 'system_maintenance' }
          : { status: 0, msg: 'normal' },
      );
    if (exchange === 'okx')
      return c.json({
        code: '0',
        msg: '',
        data: windows.map((w, i) => ({
          title: 'Simulated system maintenance',
          state: state(w, now),
          begin: ms(w.fromMs),
          end: ms(w.untilMs),
          preOpenBegin: '',
          href: '',
          serviceType: '0',
          system: 'unified',
          scheDesc: '',
          maintType: '1',
          env: '1',
          id: String(i + 1),
        })),
      });
    return c.json({
      retCode: 0,
      retMsg: 'OK',
      result: {
        list: windows.map((w, i) => ({
          id: `sim-${i + 1}`,
          title: 'Simulated system maintenance',
          state: state(w, now),
          begin: ms(w.fromMs),
          end: ms(w.untilMs),
          href: '',
          serviceTypes: [1],
          product: [1],
          uidSuffix: [],
          maintainType: 1,
          env: 1,
        })),
      },
      retExtInfo: {},
      time: now,
    });
  };
}
