import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ArrivalWindows, formatWindow } from "~/components/arrival-windows";
import { addExclusion, arrivalOverview, ExclusionError, listExclusions, removeExclusion } from "~/models/exclusions.server";
import { listLevels } from "~/models/rounds.server";
import { requireRound } from "~/utils/auth.server";
import { problem } from "~/utils/problem";
import { readForm } from "~/utils/form.server";
import { rowId } from "~/domain/stored-integer";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { round, organisation } = await requireRound(request, context, params.roundId, "round.manage");
  const overview = (await arrivalOverview(context.db, round.id))!;
  const levels = await listLevels(context.db, round.id);
  const exclusions = await listExclusions(context.db, round.id);
  return {
    round: { id: round.id, name: round.name },
    organisation: { id: organisation.id, name: organisation.name },
    levels: levels.map((l) => ({ key: l.key, label: l.label })),
    ...overview,
    exclusions: exclusions.map((e) => ({ id: e.id, from: e.fromAt.getTime(), to: e.toAt.getTime(), by: e.createdBy, at: e.createdAt.toISOString() })),
  };
}

const instant = z.coerce.number({ error: "choose a window" }).int().min(0).max(8.64e15);
const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("exclude"), from: instant, to: instant }),
  z.object({ intent: z.literal("include"), exclusionId: rowId() }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { round, user } = await requireRound(request, context, params.roundId, "round.manage");
  const parsed = actionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) problem(400, "That action is not available", "Go back to the round's arrivals and choose a window again.");
  try {
    if (parsed.data.intent === "exclude") {
      const window = { from: parsed.data.from, to: parsed.data.to };
      if (window.to <= window.from) return data({ problem: "The last window must not come before the first: choose them again." }, { status: 422 });
      await addExclusion(context.db, round.id, window, user.id);
      return redirect(`/rounds/${round.id}/exclusions?done=excluded`);
    }
    await removeExclusion(context.db, round.id, parsed.data.exclusionId, user.id);
    return redirect(`/rounds/${round.id}/exclusions?done=included`);
  } catch (error) {
    if (error instanceof ExclusionError) return data({ problem: error.message }, { status: 409 });
    throw error;
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Arrivals and exclusions: ${data?.round.name ?? "round"} | ModelGap` }];
export const handle = {
  breadcrumb: (data: Awaited<ReturnType<typeof loader>>) => [
    { label: "Organisations", to: "/orgs" },
    { label: data.organisation.name, to: `/orgs/${data.organisation.id}` },
    { label: data.round.name, to: `/rounds/${data.round.id}` },
    { label: "Arrivals and exclusions", to: `/rounds/${data.round.id}/exclusions` },
  ],
};

const DONE: Record<string, string> = {
  excluded: "Those responses are now left out of the report, on every page and export.",
  included: "Those responses are back in the report.",
};

export default function Exclusions() {
  const { levels, windows, minGroupSize, exclusions, excluded } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const done = useSearchParams()[0].get("done");
  return (
    <>
      <div className="page-head">
        <h1>Arrivals and exclusions</h1>
      </div>
      {done && DONE[done] ? (
        <p className="flash" role="status">
          {DONE[done]}
        </p>
      ) : null}
      {result ? (
        <div className="alert" role="alert">
          {result.problem}
        </div>
      ) : null}
      <p>
        If a burst of responses looks stuffed (many in a few minutes from an open link), leave it out of the report. The report then says how many
        responses were excluded. To protect respondents, a change must move each level by none or by at least {minGroupSize} responses, compared with
        the report now and with every earlier version of it.
      </p>
      <section aria-labelledby="in-force">
        <h2 id="in-force">Excluded now: {excluded} response{excluded === 1 ? "" : "s"}</h2>
        {exclusions.length === 0 ? (
          <p className="hint">Nothing is excluded.</p>
        ) : (
          <ul className="plain">
            {exclusions.map((exclusion) => (
              <li key={exclusion.id}>
                {formatWindow(exclusion.from, exclusion.to)}, excluded by {exclusion.by ?? "a deleted account"}{" "}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="exclusionId" value={exclusion.id} />
                  <button type="submit" name="intent" value="include" className="link-button" disabled={busy}>
                    Put these back in the report
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="arrivals">
        <h2 id="arrivals">Arrivals over time</h2>
        <ArrivalWindows windows={windows} levels={levels} minGroupSize={minGroupSize} />
      </section>
    </>
  );
}
