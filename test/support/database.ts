import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type DatabaseHandle } from "~db/client";
import { DIALECT } from "~db/dialect";
import { createTestDatabase } from "./postgres";

export type TestDatabase = DatabaseHandle & { dir: string; cleanup(): Promise<void> };

/**
 * A fresh, migrated database of the dialect under test, removed by `cleanup`: a SQLite file in its own
 * temporary folder, or a new database on the test run's PostgreSQL server (DATABASE_URL). The temporary
 * folder exists on both, for what the app keeps beside its database (the outbox, a generated secret).
 */
export async function tempDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "modelgap-test-"));
  try {
    if (DIALECT === "pg") {
      const created = await createTestDatabase(process.env.DATABASE_URL!);
      let handle: DatabaseHandle;
      try {
        handle = await openDatabase({ url: created.url });
      } catch (error) {
        await created.drop();
        throw error;
      }
      return withCleanup(handle, dir, () => created.drop());
    }
    return withCleanup(await openDatabase({ path: join(dir, "test.db") }), dir, async () => {});
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function withCleanup(handle: DatabaseHandle, dir: string, drop: () => Promise<void>): TestDatabase {
  // Both idempotent: a test may close its handle (to leave the file to a started app) before cleanup closes it again.
  let closed: Promise<void> | undefined;
  let cleaned: Promise<void> | undefined;
  const close = () => (closed ??= handle.close());
  return {
    ...handle,
    dir,
    close,
    cleanup: () =>
      (cleaned ??= (async () => {
        try {
          await close();
          await drop();
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      })()),
  };
}

/** A secret for test servers and started apps: the server requires one with DATABASE_URL (several instances share the data). */
export const TEST_SESSION_SECRET = "test-secret-0123456789abcdefghijklmnop";

/**
 * The environment that points the app, the CLI or a started process at this database: DATABASE_PATH on
 * SQLite; on PostgreSQL its DATABASE_URL, the session secret the server then requires, and the outbox in the
 * test's folder (where it lies beside the SQLite file), never in the working copy's data/.
 */
export function databaseEnv(database: Pick<DatabaseHandle, "path" | "url"> & { dir: string }): Record<string, string> {
  if (database.url !== null) return { DATABASE_URL: database.url, SESSION_SECRET: TEST_SESSION_SECRET, OUTBOX_DIR: join(database.dir, "outbox") };
  return { DATABASE_PATH: database.path! };
}
