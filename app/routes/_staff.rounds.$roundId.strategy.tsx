import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { StrategyForm } from "~/components/report/strategy-form";
import { getInstrument } from "~/domain/instrument/instruments";
import { saveRoundStrategy } from "~/models/strategy.server";
import { requireRound } from "~/utils/auth.server";
import { parseStrategyForm, strategyFormValues } from "~/utils/strategy-form.server";
import { readForm } from "~/utils/form.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { round, organisation } = await requireRound(request, context, params.roundId, "report.strategy");
  const { models, modelIds } = getInstrument(round.instrumentId, round.instrumentVersion);
  return {
    round: { id: round.id, name: round.name },
    organisation: { id: organisation.id, name: organisation.name },
    models: models.map(({ id, label }) => ({ id, label })),
    values: strategyFormValues(round.strategy, modelIds),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { round } = await requireRound(request, context, params.roundId, "report.strategy");
  const { modelIds } = getInstrument(round.instrumentId, round.instrumentVersion);
  const parsed = parseStrategyForm(await readForm(request), modelIds, round.strategy !== null);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  await saveRoundStrategy(context.db, round.id, parsed.mix);
  return redirect(`/rounds/${round.id}/report?strategy=${parsed.mix ? "saved" : "removed"}#strategy`, 303);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Intended mix: ${data?.round.name ?? "round"} | ModelGap` }];
export const handle = {
  breadcrumb: (data: Awaited<ReturnType<typeof loader>>) => [
    { label: "Organisations", to: "/orgs" },
    { label: data.organisation.name, to: `/orgs/${data.organisation.id}` },
    { label: data.round.name, to: `/rounds/${data.round.id}` },
    { label: "Intended mix", to: `/rounds/${data.round.id}/strategy` },
  ],
};

/** The strategy anchor on a page of its own: where the form comes back with its errors, and a direct address for it. */
export default function StrategyPage() {
  const { round, models, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Intended mix: {round.name}</h1>
          <p className="page-head__meta">
            The mix of models the organisation says it intends to run. The <Link to={`/rounds/${round.id}/report`}>gap report</Link> compares every level with it.
          </p>
        </div>
      </div>
      <StrategyForm roundId={round.id} models={models} values={result?.values ?? values} errors={result?.errors} open />
    </>
  );
}
