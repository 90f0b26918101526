import type { LimitCharge } from '../../limits/rules.ts';
import type { LimitProfile } from '../../limits/seed-profile.ts';
import { chargesFor } from '../shared.ts';

/** "10 req/s" (reference §6.4, third-party): per IP for public methods, per account for private ones. */
const IP: LimitCharge[] = [
  { rule: { name: 'orangex.ip', scope: 'ip', windowMs: 1000, limit: 10 }, weight: 1 },
];
const ACCOUNT: LimitCharge[] = [
  { rule: { name: 'orangex.account', scope: 'account', windowMs: 1000, limit: 10 }, weight: 1 },
];

export function orangexCharges(profile: LimitProfile) {
  return (endpoint: string, scope: 'ip' | 'account'): readonly LimitCharge[] => {
    const isPublic = endpoint.startsWith('/api/v1/public/');
    return chargesFor(profile, 'orangex', isPublic, scope, () => {
      if (isPublic) return scope === 'ip' ? IP : [];
      return scope === 'account' ? ACCOUNT : [];
    });
  };
}
