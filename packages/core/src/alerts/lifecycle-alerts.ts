import type { LifecycleEvent } from '../keys/key-events.ts';
import type { Logger } from '../ports/logger.ts';
import type { AlertEvent } from './alert-event.ts';
import type { AlertStore } from './alert-store.ts';
import { maintenance } from './events.ts';

/**
 * The alert a maintenance event raises, or null. Maintenance windows become exchange.maintenance (started: firing,
 * ended: resolved). Key lifecycle events raise none here: the coordinator writes key alerts (keyAuditAlerts) with the
 * key audit itself, in the same write.
 */
export function lifecycleAlert(e: LifecycleEvent): AlertEvent | null {
  if (e.type !== 'maintenance.started' && e.type !== 'maintenance.ended') return null;
  const end = e.until ? Date.parse(e.until) : undefined;
  return maintenance(
    e.exchange,
    e.type === 'maintenance.started',
    e.at,
    end === undefined ? undefined : { end },
  );
}

/** A lifecycle listener that enqueues the alerts of lifecycle events (a failure is logged, never thrown). */
export function lifecycleAlertListener(
  store: AlertStore,
  onQueued: () => void,
  logger: Logger,
): (e: LifecycleEvent) => void {
  return (e) => {
    const alert = lifecycleAlert(e);
    if (!alert) return;
    store
      .enqueue([alert], e.at)
      .then(onQueued)
      .catch((err) => logger.error('alert not queued', { type: alert.type, error: String(err) }));
  };
}
