/** Private-stream hosts come from the exchange descriptors (exchanges/hosts.ts). */
export { wsBaseUrl } from '../../exchanges/hosts.ts';
