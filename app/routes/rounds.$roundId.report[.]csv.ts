import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportToCsv } from "~/domain/report/report-csv";
import { csvTextResponse } from "~/utils/csv-response.server";
import { requireReport } from "~/utils/report.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { report } = await requireReport(request, context, params.roundId);
  return csvTextResponse(`${report.round.name}-gap-report.csv`, reportToCsv(report));
}
