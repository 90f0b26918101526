import { runStorageContract } from '@cts/testkit';
import { afterAll } from 'vitest';
import { openStorage, tempDir } from './test-helpers.ts';

runStorageContract('libSQL :memory:', async () => (await openStorage(':memory:')).storage);

const tmp = tempDir();
let n = 0;
afterAll(() => tmp.cleanup());
runStorageContract('libSQL file:', async () => {
  const { client, storage } = await openStorage(tmp.url(`contract-${n++}.db`));
  tmp.track(client);
  return storage;
});
