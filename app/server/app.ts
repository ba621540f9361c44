import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import type { DatabaseHandle } from "~db/client";
import type { AppConfig } from "~/utils/config.server";
import "./context";
import { bodyLimit, refuse, sameOrigin } from "./guards";
import { securityHeaders } from "./security";
import { join } from "node:path";
import { PROJECT_ROOT } from "~db/paths";
import { workerReportComputer } from "./report-computer";

export interface AppOptions {
  config: AppConfig;
  database: DatabaseHandle;
  /** The built server, or (in development) a function that loads it through Vite. */
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** In development, Vite's middleware serves client modules and hot updates. */
  viteMiddleware?: express.RequestHandler;
  clientDir?: string;
}

export function createApp({ config, database, build, viteMiddleware, clientDir }: AppOptions) {
  const app = express();
  const computeReport = workerReportComputer(join(PROJECT_ROOT, "build", "report-worker.js"), database.path);
  app.disable("x-powered-by");
  app.set("trust proxy", false);
  // The CSP is for the built app; Vite's development server injects scripts of its own.
  app.use(securityHeaders({ csp: !viteMiddleware }));
  app.use(compression());

  app.get("/healthz", (_req, res) => {
    try {
      const row = database.sqlite.prepare("SELECT count(*) AS rounds FROM rounds").get() as { rounds: number };
      res.set("cache-control", "no-store").json({ status: "ok", database: { status: "ok", rounds: row.rounds } });
    } catch (error) {
      res.status(503).set("cache-control", "no-store").json({ status: "error", database: { status: "error", message: (error as Error).message } });
    }
  });

  if (viteMiddleware) {
    app.use(viteMiddleware);
  } else if (clientDir) {
    // Vite fingerprints everything under /assets, so it can be cached for good.
    app.use("/assets", express.static(`${clientDir}/assets`, { immutable: true, maxAge: "1y", index: false }));
    app.use(express.static(clientDir, { maxAge: "1h", index: false }));
  }

  app.use(sameOrigin, bodyLimit);
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: config.mode === "production" ? "production" : "development",
      getLoadContext: (req, res) => ({
        db: database.db,
        config,
        clientAddress: req.socket.remoteAddress ?? "unknown",
        cspNonce: res.locals.cspNonce as string,
        computeReport,
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
