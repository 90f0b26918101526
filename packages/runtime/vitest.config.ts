import { defineConfig } from 'vitest/config';

// Timeouts guard against hangs on a loaded machine; nothing here asserts on speed.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});
