import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { createApp } from "~/server/app";
import { loadConfig } from "~/utils/config.server";
import type { Clock } from "~/utils/rate-limit.server";
import { databaseEnv, tempDatabase, TEST_SESSION_SECRET, type TestDatabase } from "./database";

export interface TestServer {
  url: string;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * Open-link limits high enough never to refuse: for tests of something else
 * (durability, validation) that send many answers from one address.
 */
export const UNLIMITED_OPEN_LINKS: Record<string, string> = {
  OPEN_LINK_BURST_LIMIT: "100000",
  OPEN_LINK_HOURLY_LIMIT: "1000000",
  OPEN_LINK_POSTS_PER_MINUTE: "1000000",
};

/** A clock a test moves by hand: the rate limits count by it, so tests never wait for time to pass. */
export function manualClock(start = Date.UTC(2027, 2, 1, 9, 0, 0)) {
  let now = start;
  const clock: Clock & { set(at: number): void; advance(ms: number): void } = Object.assign(() => now, {
    set: (at: number) => void (now = at),
    advance: (ms: number) => void (now += ms),
  });
  return clock;
}

/** The built app on a real HTTP server (loopback, free port) over a fresh database of the dialect under test. */
export async function startTestServer(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<TestServer> {
  const database = await tempDatabase();
  try {
    const build = (await import(pathToFileURL(resolve("build/server/index.js")).href)) as ServerBuild;
    const config = loadConfig({
      NODE_ENV: "production",
      ...databaseEnv(database),
      MODELGAP_DEMO: "off",
      SESSION_SECRET: TEST_SESSION_SECRET,
      ...env,
    });
    const app = createApp({ config, database, build, clientDir: resolve("build/client"), clock: options.clock });
    const server: Server = await new Promise((done) => {
      const listening = app.listen(0, "127.0.0.1", () => done(listening));
    });
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    config.baseUrl = url;
    return {
      url,
      database,
      close: async () => {
        await new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        });
        await database.cleanup();
      },
    };
  } catch (error) {
    await database.cleanup();
    throw error;
  }
}
