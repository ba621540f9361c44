import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project's root folder, found from this file whether it runs from source
 * (tsx) or bundled into build/start.js, so migrations and the build are found
 * wherever the process was started from.
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "modelgap") return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("Cannot find the ModelGap project folder (no package.json named modelgap above this file).");
    dir = parent;
  }
}

export const PROJECT_ROOT = findRoot();
export const MIGRATIONS_FOLDER = join(PROJECT_ROOT, "db", "migrations");
export const PG_MIGRATIONS_FOLDER = join(PROJECT_ROOT, "db", "migrations-pg");
