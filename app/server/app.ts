import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import type { DatabaseHandle } from "~db/client";
import type { AppConfig } from "~/utils/config.server";
import type { Clock } from "~/utils/rate-limit.server";
import { createSignInLimits } from "~/utils/sign-in.server";
import { clientAddress } from "./client-address";
import "./context";
import { bodyLimit, refuse, sameOrigin, wellFormedPath } from "./guards";
import { healthCheck } from "./health";
import { openLinkArrival, openLinkLimits } from "./open-link-limits";
import { securityHeaders } from "./security";
import { join } from "node:path";
import { PROJECT_ROOT } from "~db/paths";
import { workerReportComputer } from "./report-computer";
import { signInAddressLimit } from "./sign-in-limits";

export interface AppOptions {
  config: AppConfig;
  database: DatabaseHandle;
  /** The built server, or (in development) a function that loads it through Vite. */
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** In development, Vite's middleware serves client modules and hot updates. */
  viteMiddleware?: express.RequestHandler;
  clientDir?: string;
  /** The clock every rate limit counts by; tests move it instead of waiting. */
  clock?: Clock;
}

export function createApp({ config, database, build, viteMiddleware, clientDir, clock = Date.now }: AppOptions) {
  const secret = config.sessionSecret;
  if (!secret) throw new Error("No session secret: start the app through app/server/start.ts");
  const app = express();
  const location = database.url !== null ? { url: database.url } : { path: database.path! };
  const computeReport = workerReportComputer(join(PROJECT_ROOT, "build", "report-worker.js"), location);
  app.disable("x-powered-by");
  // Off unless TRUST_PROXY names the proxies: otherwise any client could pick its own address in X-Forwarded-For.
  app.set("trust proxy", config.trustProxy);
  // The CSP is for the built app; Vite's development server injects scripts of its own.
  app.use(securityHeaders({ csp: !viteMiddleware }));
  app.use(compression());

  app.get("/healthz", healthCheck(database, clock));

  if (viteMiddleware) {
    app.use(viteMiddleware);
  } else if (clientDir) {
    // Vite fingerprints everything under /assets, so it can be cached for good.
    app.use("/assets", express.static(`${clientDir}/assets`, { immutable: true, maxAge: "1y", index: false }));
    app.use(express.static(clientDir, { maxAge: "1h", index: false }));
  }

  app.use(wellFormedPath, sameOrigin, bodyLimit);
  const counters = database.counters();
  app.use(openLinkLimits({ db: database.db, counters, secret, clock, limits: config.openLinkLimits }));
  app.use(signInAddressLimit({ db: counters, secret, clock, secureCookies: config.secureCookies }));
  const signInLimits = createSignInLimits(counters, secret, clock);
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: config.mode === "production" ? "production" : "development",
      getLoadContext: (req, res) => ({
        db: database.db,
        database,
        config,
        clientAddress: clientAddress(req),
        cspNonce: res.locals.cspNonce as string,
        computeReport,
        clock,
        signInLimits,
        signInRefusal: res.locals.signInRefusal as { retryAfterSeconds: number } | undefined,
        arrival: openLinkArrival(res, clock),
      }),
    }),
  );
  // Last resort: a failure outside Remix never shows a stack trace.
  app.use((error: Error, req: Request, res: Response, _next: NextFunction) => {
    console.error(error);
    if (res.headersSent) return res.end();
    refuse(req, res, 500, "Something went wrong on our side", "Nothing you did caused this. Please try again in a moment.");
  });
  return app;
}
