import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireReport } from "~/utils/report.server";

/** product.md's report JSON, for a signed-in reader of the round's organisation. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { report } = await requireReport(request, context, params.roundId);
  return Response.json(report, { headers: { "cache-control": "private, no-store" } });
}
