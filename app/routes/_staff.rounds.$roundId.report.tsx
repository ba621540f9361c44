import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { findingAnchor } from "~/components/report/headlines";
import { findingIsland, Island, useLazyDetails } from "~/components/report/island";
import { NoteEditor } from "~/components/report/note-editor";
import { findingTitle } from "~/components/report/findings-list";
import { hasCapability } from "~/domain/access/access";
import { saveFindingNote } from "~/models/reports.server";
import { requireRound } from "~/utils/auth.server";
import { reportIslands } from "~/utils/report-islands.server";
import { requireReport } from "~/utils/report.server";
import reportStyles from "~/styles/report.css?url";
import { readForm } from "~/utils/form.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

/**
 * The page ships only what its interactive parts need; everything else is static HTML rendered once per
 * report version (utils/report-islands.server.tsx), handed to the server render through the load context.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, live, report, round, organisation } = await requireReport(request, context, params.roundId);
  const canAnnotate = hasCapability(user.role, "report.annotate");
  const rendered = reportIslands(live, { canAnnotate, canRecordStrategy: hasCapability(user.role, "report.strategy") });
  context.islands = rendered.islands;
  return {
    round: report.round,
    organisation: { id: organisation.id, name: organisation.name },
    status: round.status,
    islandsVersion: rendered.version,
    findings: report.findings.map((f) => ({ key: f.key, note: f.note, tentative: f.tentative, title: findingTitle(f, report.levels, report.models) })),
    canAnnotate,
  };
}

const noteSchema = z.object({
  intent: z.literal("note"),
  findingKey: z.string().min(1).max(200),
  note: z.string().trim().max(2000, "keep the note under 2,000 characters"),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, round } = await requireRound(request, context, params.roundId, "report.annotate");
  const parsed = noteSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ saved: false, error: parsed.error.issues[0]!.message }, { status: 400 });
  const { report } = await requireReport(request, context, round.id);
  if (!report.findings.some((f) => f.key === parsed.data.findingKey)) {
    return data({ saved: false, error: "This finding is no longer in the report; reload the page." }, { status: 409 });
  }
  await saveFindingNote(context.db, round.id, parsed.data.findingKey, parsed.data.note, user.id);
  return { saved: true, error: undefined };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Gap report: ${data?.round.name ?? "round"} | ModelGap` }];
export const handle = {
  breadcrumb: (data: Awaited<ReturnType<typeof loader>>) => [
    { label: "Organisations", to: "/orgs" },
    { label: data.organisation.name, to: `/orgs/${data.organisation.id}` },
    { label: data.round.name, to: `/rounds/${data.round.id}` },
    { label: "Gap report", to: `/rounds/${data.round.id}/report` },
  ],
};

const STRATEGY_DONE: Record<string, string> = { saved: "The intended mix is saved: every level is now compared with it.", removed: "The intended mix is removed." };

export default function ReportPage() {
  const { round, status, islandsVersion, findings, canAnnotate } = useLoaderData<typeof loader>();
  const done = STRATEGY_DONE[useSearchParams()[0].get("strategy") ?? ""];
  const source = `/rounds/${round.id}/report/islands.json`;
  useLazyDetails(source, islandsVersion);
  const island = (name: string) => <Island name={name} version={islandsVersion} source={source} />;
  return (
    <div className="report">
      <div className="page-head">
        <div>
          <h1>Gap report: {round.name}</h1>
          <p className="page-head__meta">
            {round.organisation}. {status === "open" ? "The round is still open: figures change as answers arrive." : ""}
          </p>
        </div>
        <div className="actions">
          <a className="button button--secondary" href={`/rounds/${round.id}/report.csv`} download>
            Download CSV
          </a>
          <a className="button button--secondary" href={`/rounds/${round.id}/report.pptx`} download>
            Slides (PowerPoint)
          </a>
          <a className="button button--secondary" href={`/rounds/${round.id}/report.json`}>
            JSON
          </a>
          <Link className="button" to={`/rounds/${round.id}/report/print`}>
            Print view
          </Link>
        </div>
      </div>
      {done ? (
        <p className="flash" role="status">
          {done}
        </p>
      ) : null}
      <section className="report-section" aria-labelledby="summary">
        {island("summary")}
      </section>
      <section className="report-section" aria-labelledby="overview">
        {island("overview")}
      </section>
      <section className="report-section" aria-labelledby="findings">
        {island("findings-intro")}
        <ol className="findings">
          {findings.map((finding) => (
            <li key={finding.key} id={findingAnchor(finding.key)} className={finding.tentative ? "finding finding--tentative" : "finding"}>
              {island(findingIsland(finding.key))}
              {canAnnotate ? <NoteEditor findingKey={finding.key} note={finding.note} title={finding.title} /> : null}
            </li>
          ))}
        </ol>
        {island("resolved")}
      </section>
      {island("details")}
    </div>
  );
}
