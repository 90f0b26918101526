import { limiterStateRepoContract } from '@cts/testkit';
import { openStorage } from '../test-helpers.ts';
import { LibsqlLimiterStateRepo } from './limiter-state-repo.ts';

limiterStateRepoContract(
  'LibsqlLimiterStateRepo',
  async () => new LibsqlLimiterStateRepo((await openStorage()).db),
);
