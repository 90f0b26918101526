/** Exchange maintenance windows from the public status endpoints (Bybit, Binance, OKX). */
export * from './maintenance-monitor.ts';
export * from './status-readers.ts';
