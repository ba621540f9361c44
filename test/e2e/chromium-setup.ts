import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromiumPath } from "../support/browser";

/**
 * End-to-end tests drive Debian's Chromium (playwright cannot download browsers
 * here). As root we install it; otherwise we stop with the one command to run.
 */
export default function ensureChromium() {
  const path = chromiumPath();
  if (existsSync(path)) return;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("Chromium is missing: installing it with apt-get (about 30 s)...");
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
    if (existsSync(path)) return;
  }
  throw new Error(`Chromium not found at ${path}: run \`sudo apt-get install -y chromium\` (or set CHROMIUM_PATH), then npm test again.`);
}
