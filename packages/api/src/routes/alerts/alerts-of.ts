import { type AlertService, NotFoundError } from '@cts/core';
import type { ApiDeps } from '../../deps.ts';

/** The alert service, or a 404 when this host runs without an alert store. */
export function alertsOf(deps: ApiDeps): AlertService {
  if (!deps.alerts) throw new NotFoundError('alert store', '(not configured on this host)');
  return deps.alerts;
}
