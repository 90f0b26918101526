import {
  AlertDispatcher,
  type AlertDispatcherOptions,
  AlertService,
  type AlertStore,
  type CredentialVault,
  type DestinationPolicy,
  type FetchLike,
  type Logger,
} from '@cts/core';

/** Alerts as a host sets them up. */
export interface AlertsOptions {
  /** Hosts exempt from the https / public-address rules (CTS_ALERT_ALLOW_HOSTS). @default [] */
  allowHosts?: string[];
  /**
   * Every address a hostname resolves to, checked before each send (Node's dns.lookup). @default none: literal IPs
   * and hostnames only (a Worker cannot resolve)
   */
  resolve?: (hostname: string) => Promise<string[]>;
  /** The fetch deliveries use. @default the global fetch */
  fetch?: FetchLike;
  /** Dispatcher tuning (reminderIntervalMs, flapWindowMs, leaseMs, baseDelayMs, …). @default its defaults */
  dispatcher?: Partial<Omit<AlertDispatcherOptions, 'store' | 'vault' | 'logger' | 'destination' | 'fetch'>>;
  /**
   * Run the dispatcher's own loop (timers). false where the host drives it (a Worker: cron and waitUntil call
   * `dispatcher.run()`). @default true
   */
  loop?: boolean;
}

export interface Alerts {
  dispatcher: AlertDispatcher;
  /** Channels, test alerts and deliveries, for the API and the admin UI. */
  service: AlertService;
}

/** The dispatcher and the channel service over an alert store. */
export function createAlerts(deps: {
  store: AlertStore;
  vault: CredentialVault;
  logger: Logger;
  options?: AlertsOptions;
}): Alerts {
  const o = deps.options ?? {};
  const destination: DestinationPolicy = {
    allowHosts: (o.allowHosts ?? []).map((h) => h.toLowerCase()),
    ...(o.resolve ? { resolve: o.resolve } : {}),
  };
  const dispatcher = new AlertDispatcher({
    ...o.dispatcher,
    store: deps.store,
    vault: deps.vault,
    logger: deps.logger,
    destination,
    ...(o.fetch ? { fetch: o.fetch } : {}),
  });
  const service = new AlertService({ store: deps.store, vault: deps.vault, dispatcher, destination });
  return { dispatcher, service };
}
