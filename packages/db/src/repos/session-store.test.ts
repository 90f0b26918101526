import { sessionStoreContract } from '@cts/testkit';
import { openStorage } from '../test-helpers.ts';
import { LibsqlSessionStore } from './session-store.ts';

sessionStoreContract('LibsqlSessionStore', async () => new LibsqlSessionStore((await openStorage()).db));
