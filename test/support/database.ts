import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type DatabaseHandle } from "~db/client";

/** A real SQLite file in its own temporary folder, migrated; removed by `cleanup`. */
export function tempDatabase(): DatabaseHandle & { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "modelgap-test-"));
  const handle = openDatabase(join(dir, "test.db"));
  return {
    ...handle,
    dir,
    cleanup() {
      handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
