import { inject } from "vitest";

// Set before the test file imports anything, so db/dialect.ts reads it and chooses PostgreSQL.
process.env.DATABASE_URL = inject("postgresUrl");
