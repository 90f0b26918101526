import { catalogOrigins } from '@cts/core/egress';

/**
 * Which URLs the relay forwards to: https (REST) and wss (streams) URLs on an exchange host from the catalog (every environment and region
 * of every descriptor), and, only when configured, URLs under the simulator's base URL. Anything else (a private
 * address, the relay itself, another site) is refused.
 */
export function createHostAllowlist(options: { simulatorUrl?: string } = {}): (url: URL) => boolean {
  const origins = new Set([...catalogOrigins().keys()].filter((o) => /^(https|wss):\/\//.test(o)));
  const sim = options.simulatorUrl ? new URL(options.simulatorUrl) : undefined;
  const simRoot = sim ? `${sim.host}${sim.pathname.replace(/\/+$/, '')}/` : undefined;
  return (url) => {
    if (url.username || url.password) return false;
    if (origins.has(url.origin)) return true;
    // The simulator serves REST (http) and streams (ws) on the same host.
    return (
      simRoot !== undefined &&
      /^(https?|wss?):$/.test(url.protocol) &&
      `${url.host}${url.pathname}`.startsWith(simRoot)
    );
  };
}
