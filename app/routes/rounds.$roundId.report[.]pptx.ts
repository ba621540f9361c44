import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireReport } from "~/utils/report.server";
import { buildDeck, PPTX_TYPE } from "~/utils/slides.server";

/** The report as a PowerPoint deck (native, editable charts), for a signed-in reader of the round's organisation. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { report } = await requireReport(request, context, params.roundId);
  const { buffer } = await buildDeck(report, { madeOn: new Date().toISOString().slice(0, 10) });
  return new Response(new Uint8Array(buffer), {
    headers: {
      "content-type": PPTX_TYPE,
      "content-disposition": `attachment; filename="${`${report.round.name}-gap-report.pptx`.replace(/[^\w.-]+/g, "-")}"`,
      "cache-control": "private, no-store",
    },
  });
}
