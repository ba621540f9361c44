import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ParticipationTable } from "~/components/participation-table";
import { LevelLinks } from "~/components/level-links";
import { OpenLinkProtection } from "~/components/open-link-protection";
import { RoundActions } from "~/components/round-actions";
import { RoundDataPanel } from "~/components/round-data-panel";
import { StatusBadge } from "~/components/status-badge";
import { SurveyPreviewLinks } from "~/components/survey/preview-links";
import { hasCapability } from "~/domain/access/access";
import { effectiveMinGroupSize } from "~/domain/report/anonymity";
import { getInstrument } from "~/domain/instrument/instruments";
import { roundAvailability, roundNameSchema } from "~/domain/rounds/rounds";
import { countExcluded } from "~/models/exclusions.server";
import { openLinkProtection } from "~/models/open-links.server";
import { participation } from "~/models/participation.server";
import { changeRoundStatus, cloneRound, findRound, linkFor, listLevels, regenerateLevelLink, staffLevels } from "~/models/rounds.server";
import { requireRound } from "~/utils/auth.server";
import { startDelivery } from "~/utils/mail-delivery.server";
import { formatDay } from "~/utils/format";
import { problem } from "~/utils/problem";
import { qrSvg } from "~/utils/qr.server";
import { readForm } from "~/utils/form.server";
import { rowId } from "~/domain/stored-integer";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, round, organisation } = await requireRound(request, context, params.roundId, "organisation.view");
  const levels = await listLevels(context.db, round.id);
  const canManage = hasCapability(user.role, "round.manage");
  const predecessor = round.predecessorId ? (await findRound(context.db, round.predecessorId))?.round : undefined;
  const levelParticipation = await participation(context.db, round.id, levels, round.minGroupSize);
  const excluded = canManage ? await countExcluded(context.db, round.id) : 0;
  const protection = canManage ? await openLinkProtection(context.db, round.id, levels) : null;
  return {
    round: {
      id: round.id,
      name: round.name,
      status: round.status,
      availability: roundAvailability(round, new Date()),
      opensAt: round.opensAt?.toISOString() ?? null,
      closesAt: round.closesAt?.toISOString() ?? null,
      minGroupSize: effectiveMinGroupSize(round.minGroupSize),
      welcomeNote: round.welcomeNote,
      instrument: getInstrument(round.instrumentId, round.instrumentVersion).title,
    },
    organisation: { id: organisation.id, name: organisation.name },
    predecessor: predecessor ? { id: predecessor.id, name: predecessor.name } : null,
    canManage,
    canViewReport: hasCapability(user.role, "report.view"),
    participation: levelParticipation,
    dataPanel: canManage ? { excluded, canErase: hasCapability(user.role, "data.erase") } : null,
    openLinkProtection: protection,
    links: canManage
      ? await Promise.all(
          levels.map(async (level) => {
            const link = linkFor(context.config.baseUrl, level.linkToken);
            return { levelId: level.id, key: level.key, label: level.label, kind: level.kind, link, qr: await qrSvg(link) };
          }),
        )
      : [],
  };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open") }),
  z.object({ intent: z.literal("close") }),
  z.object({ intent: z.literal("clone"), name: roundNameSchema }),
  z.object({ intent: z.literal("regenerate"), levelId: rowId() }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { round } = await requireRound(request, context, params.roundId, "round.manage");
  const parsed = actionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) problem(400, "That action is not available", "Go back to the round and try again.");
  const action = parsed.data;
  const back = (done: string) => redirect(`/rounds/${round.id}?done=${done}`);
  switch (action.intent) {
    case "open": {
      if (staffLevels(await listLevels(context.db, round.id)).length < 2) problem(409, "This round cannot open yet", "A round needs at least two levels. Edit the round to add them.");
      const { clearedClosingDate } = await changeRoundStatus(context.db, round.id, "open");
      void startDelivery(context.db, context.config, round.id); // invitations added while it was not open
      return back(clearedClosingDate ? "reopened-date-cleared" : round.status === "closed" ? "reopened" : "opened");
    }
    case "close":
      await changeRoundStatus(context.db, round.id, "closed");
      return back("closed");
    case "clone": {
      const next = await cloneRound(context.db, round.id, action.name);
      return redirect(`/rounds/${next.id}?done=cloned`);
    }
    case "regenerate": {
      if (!(await regenerateLevelLink(context.db, round.id, action.levelId))) problem(404, "No such level", "Reload the round and try again.");
      return back("link-regenerated");
    }
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.round.name ?? "Round"}: ${data?.organisation.name ?? ""} | ModelGap` }];
export const handle = {
  breadcrumb: (data: Awaited<ReturnType<typeof loader>>) => [
    { label: "Organisations", to: "/orgs" },
    { label: data.organisation.name, to: `/orgs/${data.organisation.id}` },
    { label: data.round.name, to: `/rounds/${data.round.id}` },
  ],
};

const DONE: Record<string, string> = {
  created: "Round created as a draft. Check its levels, then open it to take answers.",
  saved: "Changes saved.",
  opened: "The round is open: the links below now take answers.",
  reopened: "The round is open again.",
  "reopened-date-cleared": "The round is open again. Its closing date had passed, so it was cleared: set a new one under Edit if you want one.",
  closed: "The round is closed. Answers saved so far are kept; nobody can add more.",
  cloned: "This is the new round, copied from the previous one as a draft. Its links are new.",
  "link-regenerated": "A new link was made. The old link now tells people it has been replaced.",
};

export default function RoundPage() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = params.get("done") ?? (params.has("created") ? "created" : params.has("saved") ? "saved" : null);
  const { round } = data;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{round.name}</h1>
          <p className="page-head__meta">
            <StatusBadge status={round.status} availability={round.availability} /> {round.instrument}.{" "}
            {round.opensAt ? `Opens ${formatDay(round.opensAt)}. ` : ""}
            {round.closesAt ? `Closes at the end of ${formatDay(round.closesAt)} (UTC). ` : ""}
            Levels are reported from {round.minGroupSize} responses.
            {data.predecessor ? (
              <>
                {" "}
                Follows <Link to={`/rounds/${data.predecessor.id}`}>{data.predecessor.name}</Link>.
              </>
            ) : null}
          </p>
        </div>
        {data.canViewReport ? (
          <Link to={`/rounds/${round.id}/report`} className="button">
            Gap report
          </Link>
        ) : null}
      </div>
      {done && Object.hasOwn(DONE, done) ? (
        <p className="flash" role="status">
          {DONE[done]}
        </p>
      ) : null}
      {data.canManage ? <RoundActions round={round} /> : null}
      <ParticipationTable rows={data.participation} minGroupSize={round.minGroupSize} />
      {data.openLinkProtection ? <OpenLinkProtection roundId={round.id} data={data.openLinkProtection} released={params.has("released") ? Number(params.get("released")) || 0 : null} /> : null}
      {data.canManage ? <LevelLinks links={data.links} roundId={round.id} status={round.status} /> : null}
      <SurveyPreviewLinks roundId={round.id} levels={data.participation} />
      {data.dataPanel ? <RoundDataPanel roundId={round.id} {...data.dataPanel} /> : null}
    </>
  );
}
