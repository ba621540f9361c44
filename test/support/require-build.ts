import { existsSync } from "node:fs";

/** Integration and end-to-end tests run the built app, as production does. */
export default function requireBuild() {
  if (!existsSync("build/server/index.js") || !existsSync("build/start.js")) {
    throw new Error("No build found: run `npm run build` first (`npm test` builds before testing).");
  }
}
