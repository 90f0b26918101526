/** Key lifecycle: the key audit (IP binding, permissions, effective expiry, flags), egress IPs, lifecycle events. */
export * from './egress-ips.ts';
export * from './expiry-rules.ts';
export * from './key-audit.ts';
export * from './key-events.ts';
