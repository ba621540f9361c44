import type { LoaderFunctionArgs } from "@remix-run/node";
import { hasCapability } from "~/domain/access/access";
import { reportIslands } from "~/utils/report-islands.server";
import { requireReport } from "~/utils/report.server";

/** The report page's static parts, for a page reached by client-side navigation (components/report/island.tsx). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, live } = await requireReport(request, context, params.roundId);
  const rendered = reportIslands(live, { canAnnotate: hasCapability(user.role, "report.annotate"), canRecordStrategy: hasCapability(user.role, "report.strategy") });
  return Response.json(rendered, { headers: { "cache-control": "private, no-store" } });
}
