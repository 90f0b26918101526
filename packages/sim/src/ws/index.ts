/** Private WebSocket streams of the six exchanges: the hub (Web-standard) and the Node upgrade adapter. */
export { LISTEN_KEY_TTL_MS, ListenKeyStore } from './listen-keys.ts';
export { type StreamDeps, StreamHub, type StreamRoutes } from './stream-hub.ts';
export { STREAM_ROUTES } from './stream-routes.ts';
export type { SimSocket, StreamOpener, StreamRequest, StreamSession } from './stream-types.ts';
