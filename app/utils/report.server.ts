import type { AppLoadContext } from "@remix-run/node";
import { loadReport } from "~/models/reports.server";
import { refuseRequest, requireRound } from "./auth.server";

/** The report of a round the person may read (report.view), or the right 401/404. */
export async function requireReport(request: Request, context: AppLoadContext, roundId: string | undefined) {
  const access = await requireRound(request, context, roundId, "report.view");
  const report = loadReport(context.db, access.round.id);
  if (!report) refuseRequest(request, 404, "Not found", "This round no longer exists.");
  return { ...access, report };
}
