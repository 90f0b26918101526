/** Fixed-IP egress: signed envelopes to egress relays (apps/relay), their configuration, the relay FetchLike. */
export * from './exchange-of-url.ts';
export * from './relay-config.ts';
export * from './relay-envelope.ts';
export * from './relay-fetch.ts';
export * from './relay-websocket.ts';
