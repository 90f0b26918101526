import { catalogOrigins } from '@cts/core/egress';

/**
 * Which URLs the relay forwards to: https URLs on an exchange host from the catalog (every environment and region
 * of every descriptor), and, only when configured, URLs under the simulator's base URL. Anything else (a private
 * address, the relay itself, another site) is refused.
 */
export function createHostAllowlist(options: { simulatorUrl?: string } = {}): (url: URL) => boolean {
  const origins = new Set([...catalogOrigins().keys()].filter((o) => o.startsWith('https://')));
  const sim = options.simulatorUrl ? new URL(options.simulatorUrl) : undefined;
  const simRoot = sim ? `${sim.origin}${sim.pathname.replace(/\/+$/, '')}/` : undefined;
  return (url) => {
    if (url.username || url.password) return false;
    if (origins.has(url.origin)) return true;
    return simRoot !== undefined && `${url.origin}${url.pathname}`.startsWith(simRoot);
  };
}
