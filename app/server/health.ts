import type { Request, Response } from "express";
import { writeHeartbeat } from "~db/health";
import type { DatabaseHandle } from "~db/client";
import type { Clock } from "~/utils/rate-limit.server";

/**
 * `/healthz` for a supervisor or load balancer: 200 when the database takes a
 * real write (a heartbeat row, in a transaction), else 503. Anyone
 * may ask, so it answers ok or not and nothing more; the reason goes to the
 * server's log for its operator.
 */
export function healthCheck(database: DatabaseHandle, clock: Clock) {
  return async (_req: Request, res: Response) => {
    res.set("cache-control", "no-store");
    try {
      await writeHeartbeat(database.db, clock());
      res.json({ status: "ok" });
    } catch (error) {
      // drizzle wraps the driver's error: the database's own reason is its cause.
      console.error(`Health check failed: the database did not take a write (${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}).`);
      res.status(503).json({ status: "error" });
    }
  };
}
