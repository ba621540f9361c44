import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres";
import requirePostgres from "./require-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** One server for the whole run: starting one takes seconds, a database on it a fraction of that. */
export default async function setup({ provide }: TestProject) {
  requirePostgres();
  const server = await startPostgres();
  provide("postgresUrl", server.url);
  return () => server.stop();
}
