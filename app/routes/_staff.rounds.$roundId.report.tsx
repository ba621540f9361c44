import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ReportBody } from "~/components/report/report-body";
import { hasCapability } from "~/domain/access/access";
import { saveFindingNote } from "~/models/reports.server";
import { requireRound } from "~/utils/auth.server";
import { requireReport } from "~/utils/report.server";
import reportStyles from "~/styles/report.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, report, round, organisation, openLinkSubmissions } = await requireReport(request, context, params.roundId);
  return {
    report,
    organisation: { id: organisation.id, name: organisation.name },
    status: round.status,
    openLinkSubmissions,
    canAnnotate: hasCapability(user.role, "report.annotate"),
  };
}

const noteSchema = z.object({
  intent: z.literal("note"),
  findingKey: z.string().min(1).max(200),
  note: z.string().trim().max(2000, "keep the note under 2,000 characters"),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, round } = await requireRound(request, context, params.roundId, "report.annotate");
  const parsed = noteSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ saved: false, error: parsed.error.issues[0]!.message }, { status: 400 });
  const { report } = await requireReport(request, context, round.id);
  if (!report.findings.some((f) => f.key === parsed.data.findingKey)) {
    return data({ saved: false, error: "This finding is no longer in the report; reload the page." }, { status: 409 });
  }
  saveFindingNote(context.db, round.id, parsed.data.findingKey, parsed.data.note, user.id);
  return { saved: true, error: undefined };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Gap report: ${data?.report.round.name ?? "round"} | ModelGap` }];
export const handle = {
  breadcrumb: (data: Awaited<ReturnType<typeof loader>>) => [
    { label: "Organisations", to: "/orgs" },
    { label: data.organisation.name, to: `/orgs/${data.organisation.id}` },
    { label: data.report.round.name, to: `/rounds/${data.report.round.id}` },
    { label: "Gap report", to: `/rounds/${data.report.round.id}/report` },
  ],
};

export default function ReportPage() {
  const { report, status, openLinkSubmissions, canAnnotate } = useLoaderData<typeof loader>();
  const id = report.round.id;
  return (
    <div className="report">
      <div className="page-head">
        <div>
          <h1>Gap report: {report.round.name}</h1>
          <p className="page-head__meta">
            {report.round.organisation}. {status === "open" ? "The round is still open: figures change as answers arrive." : ""}
          </p>
        </div>
        <div className="actions">
          <a className="button button--secondary" href={`/rounds/${id}/report.csv`} download>
            Download CSV
          </a>
          <a className="button button--secondary" href={`/rounds/${id}/report.json`}>
            JSON
          </a>
          <Link className="button" to={`/rounds/${id}/report/print`}>
            Print view
          </Link>
        </div>
      </div>
      <ReportBody report={report} openLinkSubmissions={openLinkSubmissions} canAnnotate={canAnnotate} />
    </div>
  );
}
