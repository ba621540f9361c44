import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ReportBody } from "~/components/report/report-body";
import { cssString } from "~/utils/format";
import { requireReport } from "~/utils/report.server";
import reportStyles from "~/styles/report.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { report, openLinkSubmissions } = await requireReport(request, context, params.roundId);
  return { report, printedOn: new Date().toISOString().slice(0, 10), openLinkSubmissions };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.report.round.organisation}: ${data.report.round.name}, gap report (${data.printedOn})` : "Gap report" },
];

/**
 * The report laid out for A4: the browser's print (or save as PDF) gives the document; no PDF library
 * needed. The organisation, round and date run along every page in the page's own margin (CSS margin
 * boxes), so they can never cover the content the way a fixed-position element does.
 */
export default function PrintReport() {
  const { report, printedOn, openLinkSubmissions } = useLoaderData<typeof loader>();
  const running = `${report.round.organisation} · ${report.round.name} · gap report · ${printedOn}`;
  return (
    <main id="main" className="page report report--print">
      {/* React would escape the quotes of text in a <style>; cssString leaves nothing that could close the element. */}
      <style dangerouslySetInnerHTML={{ __html: `@page { @bottom-left { content: ${cssString(running)}; } @bottom-right { content: "Page " counter(page) " of " counter(pages); } }` }} />
      <div className="no-print actions">
        <button type="button" className="button" onClick={() => window.print()}>
          Print or save as PDF
        </button>
        <Link to={`/rounds/${report.round.id}/report`} className="button button--secondary">
          Back to the report
        </Link>
      </div>
      <h1>{report.round.organisation}: gap report</h1>
      <p className="lead">
        {report.round.name}, printed {printedOn}. Levels are reported from {report.minGroupSize} responses; nothing is shown per person.
      </p>
      <ReportBody report={report} openLinkSubmissions={openLinkSubmissions} />
    </main>
  );
}
