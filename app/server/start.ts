/**
 * `npm start` (production, after `remix vite:build`) and `npm run dev` (--dev,
 * Vite in middleware mode). Opens and migrates the database, seeds the demo
 * when the database is empty, serves, and shuts down cleanly on SIGTERM.
 */
import type { Server } from "node:http";
import type { ServerBuild } from "@remix-run/node";

const dev = process.argv.includes("--dev");
process.env.NODE_ENV ??= dev ? "development" : "production";

const SHUTDOWN_GRACE_MS = 10_000;

async function main() {
  const { loadConfig } = await import("~/utils/config.server");
  const { openDatabase } = await import("~db/client");
  const { countOrganisations } = await import("~/models/organisations.server");
  const { deleteExpiredSessions } = await import("~/models/users.server");
  const { seedDemoIfEmpty, describeDemo, demoAccounts, DEMO_EMAILS } = await import("~db/seed");
  const { resolveSessionSecret } = await import("~/utils/secret.server");
  const { createApp } = await import("./app");
  const { describeMail } = await import("~/utils/mail.server");
  const { resumeQueuedMail } = await import("~/utils/mail-delivery.server");
  const { PROJECT_ROOT } = await import("~db/paths");
  const { join } = await import("node:path");
  const { pathToFileURL } = await import("node:url");

  const { passwordWeakness } = await import("~/utils/password.server");
  const { sweepRateLimits } = await import("~/utils/rate-limit.server");
  const { openCheckedDatabase } = await import("./open-checked");
  const { gracefulClose } = await import("./graceful-close");

  const config = loadConfig();
  if (config.demoPassword && config.seedDemo) {
    const weakness = await passwordWeakness(config.demoPassword, ["modelgap", "northwind"]);
    if (weakness) throw new Error(`MODELGAP_DEMO_PASSWORD: ${weakness}`);
  }
  const secret = resolveSessionSecret(config);
  config.sessionSecret = secret.secret;
  const database = await openCheckedDatabase(config.database, openDatabase);
  // Expired sessions and rate-limit windows count for nothing; this only keeps their tables small.
  await deleteExpiredSessions(database.db);
  await sweepRateLimits(database.db);
  let accounts: Awaited<ReturnType<typeof demoAccounts>> = [];
  let seeded = false;
  if (config.seedDemo && (await countOrganisations(database.db)) === 0) {
    // Hashing the passwords is slow: done before the seeding transaction, which checks again that nobody seeded meanwhile.
    accounts = await demoAccounts(config.demoPassword);
    seeded = (await seedDemoIfEmpty(database.db, { accounts })) !== undefined;
  }

  let build: ServerBuild | (() => Promise<ServerBuild>);
  let viteMiddleware;
  if (dev) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true } });
    viteMiddleware = viteServer.middlewares;
    build = () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    build = (await import(pathToFileURL(join(PROJECT_ROOT, "build", "server", "index.js")).href)) as ServerBuild;
  }
  const clientDir = join(PROJECT_ROOT, "build", "client");
  const app = createApp({ config, database, build, viteMiddleware, clientDir });
  await resumeQueuedMail(database.db, config);
  const demo = await describeDemo(database.db, config.baseUrl);

  const server: Server = app.listen(config.port, config.host, () => {
    const lines = [`ModelGap is running at ${config.baseUrl} (${config.mode}, database ${database.location})`];
    lines.push(describeMail(config.mail));
    if (secret.generated) lines.push(`No SESSION_SECRET set: generated one and stored it in ${secret.generated} (set SESSION_SECRET in production).`);
    if (demo) {
      lines.push(seeded ? `Seeded the demo organisation "${demo.organisation}".` : `Demo organisation: "${demo.organisation}".`);
      lines.push(`  Report of the closed round: ${config.baseUrl}/rounds/${demo.closedRoundId}/report`);
      lines.push(`  Answer the open round's survey as a respondent:`);
      for (const { level, link } of demo.surveyLinks) lines.push(`    ${level.padEnd(34)} ${link}`);
      lines.push(`  Sign in at ${config.baseUrl}/login as:`);
      if (seeded) {
        for (const account of accounts) lines.push(`    ${account.role.padEnd(12)} ${account.email.padEnd(32)} password: ${account.password}`);
        lines.push(
          config.demoPassword
            ? "  (the password is MODELGAP_DEMO_PASSWORD)"
            : "  These generated passwords are shown only now. Set MODELGAP_DEMO_PASSWORD before the first start to choose one,\n" +
                "  or set a new one with: npm run modelgap -- user password --email <email>",
        );
      } else {
        for (const { role, email } of DEMO_EMAILS) lines.push(`    ${role.padEnd(12)} ${email}`);
        lines.push("  (passwords were printed when the demo was seeded; to set a new one: npm run modelgap -- user password --email <email>)");
      }
    }
    console.log(lines.join("\n"));
  });

  const closer = gracefulClose(server);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing requests in flight, then closing the database.`);
    const force = setTimeout(() => {
      console.error("Requests still open after 10 s; closing anyway.");
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    closer.close(() => {
      database.close().then(
        () => {
          console.log("Stopped cleanly.");
          process.exit(0);
        },
        (error: Error) => {
          console.error(`Could not close the database cleanly: ${error.message}`);
          process.exit(1);
        },
      );
    });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: Error) => {
  console.error(`ModelGap could not start: ${error.message}`);
  process.exit(1);
});

export {};
