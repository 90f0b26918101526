/** Ports: the capabilities the core is handed (time, network, logging). */
export * from './clock.ts';
export * from './fetch.ts';
export * from './logger.ts';
export * from './websocket.ts';
