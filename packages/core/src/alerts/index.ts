/**
 * Alerts: event types with severity and fingerprint, channel formatters (generic signed webhook, Slack, Discord,
 * Telegram, ntfy), the outbox store port, deduplication, and the dispatcher that delivers with retries.
 */
export * from './alert-dispatcher.ts';
export * from './alert-emitter.ts';
export * from './alert-event.ts';
export * from './alert-service.ts';
export * from './alert-store.ts';
export * from './channel.ts';
export * from './channel-input.ts';
export * from './channels/index.ts';
export * from './dedup.ts';
export * from './destination-guard.ts';
export * from './events.ts';
export * from './key-audit-alerts.ts';
export * from './lifecycle-alerts.ts';
export * from './memory-alert-store.ts';
export * from './retry-policy.ts';
export * from './send-delivery.ts';
