import { afterAll, beforeAll, describe } from 'vitest';
import { boardScenarios } from './board-scenarios.ts';
import { type Harness, startHarness } from './harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

describe('admin board in Chromium on the Node server', () => {
  boardScenarios(() => h.target);
});
