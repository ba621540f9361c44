import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { RoundForm } from "~/components/round-form";
import { hasAnyResponse, listLevels, RoundEditError, updateRound } from "~/models/rounds.server";
import { requireRound } from "~/utils/auth.server";
import { instrumentOptions, parseRoundForm, roundFormValues } from "~/utils/round-form.server";
import { readForm } from "~/utils/form.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { round, organisation } = await requireRound(request, context, params.roundId, "round.manage");
  return {
    round: { id: round.id, name: round.name, status: round.status },
    organisation: { id: organisation.id, name: organisation.name },
    values: roundFormValues(round, await listLevels(context.db, round.id)),
    instruments: instrumentOptions(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { round } = await requireRound(request, context, params.roundId, "round.manage");
  const minGroup = { current: round.minGroupSize, anyResponse: await hasAnyResponse(context.db, round.id) };
  const parsed = parseRoundForm(await readForm(request), { minGroup });
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const levelEdits = parsed.form.levelLabels.map((label, i) => ({ id: parsed.form.levelIds[i] ? Number(parsed.form.levelIds[i]) : null, label }));
  try {
    await updateRound(context.db, round.id, parsed.settings, round.status === "draft" ? levelEdits : null);
  } catch (error) {
    if (!(error instanceof RoundEditError)) throw error;
    // The model checks again inside its transaction (someone may have answered since the form was read).
    return data({ errors: { [error.field ?? "form"]: error.message }, values: roundFormValues(round, await listLevels(context.db, round.id)) }, { status: 409 });
  }
  return redirect(`/rounds/${round.id}?saved=1`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.round.name ?? "round"} | ModelGap` }];
export const handle = {
  breadcrumb: (data: Awaited<ReturnType<typeof loader>>) => [
    { label: "Organisations", to: "/orgs" },
    { label: data.organisation.name, to: `/orgs/${data.organisation.id}` },
    { label: data.round.name, to: `/rounds/${data.round.id}` },
    { label: "Edit", to: `/rounds/${data.round.id}/edit` },
  ],
};

export default function EditRound() {
  const { round, values, instruments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <div className="page-head">
        <h1>Edit {round.name}</h1>
      </div>
      <RoundForm
        values={result?.values ?? values}
        errors={result?.errors ?? {}}
        instruments={instruments}
        submitLabel="Save changes"
        structureLocked={round.status !== "draft"}
      />
    </>
  );
}
