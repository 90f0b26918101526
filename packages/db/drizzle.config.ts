import { defineConfig } from 'drizzle-kit';

/** `npm run db:generate` writes a new migration into ./migrations from the schema, then regenerates migrations.gen.ts. */
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/schema/index.ts',
  out: './migrations',
});
