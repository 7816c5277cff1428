import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './main/core/store/schema.ts',
  out: './main/core/store/migrations',
});
