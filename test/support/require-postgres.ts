import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { postgresBinDir } from "./postgres";

/**
 * PostgreSQL tests start their own server from Debian's binaries. As root we install them
 * (the package also sets up a cluster of its own, which we leave alone); otherwise we stop
 * with the one command to run.
 */
export default function requirePostgres() {
  if (postgresBinDir()) return;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("PostgreSQL is missing: installing it with apt-get (about 30 s)...");
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql", { stdio: "inherit" });
    if (postgresBinDir()) return;
  }
  throw new Error("PostgreSQL server binaries (initdb, pg_ctl, postgres) not found: run `sudo apt-get install -y postgresql`, then npm test again.");
}
