import type { Clock } from '@cts/core/ports';
import type { AccountStore } from '../accounts/account-store.ts';
import type { FaultInjector } from '../faults/fault-injector.ts';
import type { RateLimiter } from '../limits/rate-limiter.ts';
import type { LimitProfile } from '../limits/seed-profile.ts';
import type { Stats } from '../stats.ts';
import type { TokenStore } from './orangex/tokens.ts';

/** Everything a route needs, shared by all exchanges of one simulator. */
export interface SimDeps {
  accounts: AccountStore;
  limiter: RateLimiter;
  faults: FaultInjector;
  stats: Stats;
  clock: Clock;
  profile: LimitProfile;
  tokens: TokenStore;
  /** Read the client IP from X-Forwarded-For. */
  trustProxy: boolean;
  /** The client IP of in-process requests (no socket). */
  inProcessIp: string;
}
