import { limiterStoreContract } from '@cts/testkit';
import { MemoryLimiterStore } from './memory-store.ts';

limiterStoreContract('MemoryLimiterStore', () => new MemoryLimiterStore());
