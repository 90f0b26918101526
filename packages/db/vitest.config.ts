import { defineConfig } from 'vitest/config';

// Generous limits: the CLI tests start Node processes and the D1 tests run workerd, on a shared 2-core machine.
// Timeouts guard against hangs; nothing here asserts on speed.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});
