import type { AppLoadContext } from "@remix-run/node";
import { loadLiveReport } from "~/models/reports.server";
import { refuseRequest, requireRound } from "./auth.server";

/** The report of a round the person may read (report.view), or the right 401/404 (503 when it cannot be computed). */
export async function requireReport(request: Request, context: AppLoadContext, roundId: string | undefined) {
  const access = await requireRound(request, context, roundId, "report.view");
  let live;
  try {
    live = await loadLiveReport(context.db, access.round.id, { compute: context.computeReport, found: { round: access.round, organisation: access.organisation } });
  } catch (error) {
    console.error(`The report of round ${access.round.id} could not be computed: ${(error as Error).message}`);
    refuseRequest(
      request,
      503,
      "This report could not be computed",
      "The server ran out of room computing it (very large rounds need more memory). Everything stored is safe; try again later, or ask the operator to check the server's log.",
    );
  }
  if (!live) refuseRequest(request, 404, "Not found", "This round no longer exists.");
  return { ...access, live, report: live.report, openLinkSubmissions: live.openLinkSubmissions };
}
