import { sessionStoreContract } from '@cts/testkit';
import { MemorySessionStore } from './memory-session-store.ts';

sessionStoreContract('MemorySessionStore', () => new MemorySessionStore());
