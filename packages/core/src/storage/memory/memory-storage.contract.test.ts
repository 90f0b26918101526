import { runStorageContract } from '@cts/testkit';
import { createMemoryStorage } from './memory-storage.ts';

runStorageContract('memory', async () => createMemoryStorage());
