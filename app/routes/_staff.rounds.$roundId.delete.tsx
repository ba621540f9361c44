import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { erasedQuery, erasureItems, ErasureForm } from "~/components/erasure";
import { confirmationProblem } from "~/domain/rounds/erasure";
import { eraseRound, roundErasureSummary } from "~/models/erasure.server";
import { requireRound } from "~/utils/auth.server";
import { problem } from "~/utils/problem";
import { readForm } from "~/utils/form.server";

/** Admins only: a round and everything in it, erased after a confirmation that names what goes. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { round, organisation } = await requireRound(request, context, params.roundId, "data.erase");
  const summary = (await roundErasureSummary(context.db, round.id))!;
  return { round: { id: round.id, name: round.name }, organisation: { id: organisation.id, name: organisation.name }, items: erasureItems(summary, false) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { round, organisation } = await requireRound(request, context, params.roundId, "data.erase");
  const refused = confirmationProblem((await readForm(request)).get("confirm"), round.name, "round");
  if (refused) return data({ error: refused.message }, { status: refused.status });
  const summary = await eraseRound(context.database, round.id);
  if (!summary) problem(404, "Not found", "This round was already deleted.");
  return redirect(`/orgs/${organisation.id}?${erasedQuery("round", summary)}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Delete ${data?.round.name ?? "round"} | ModelGap` }];
export const handle = {
  breadcrumb: (data: Awaited<ReturnType<typeof loader>>) => [
    { label: "Organisations", to: "/orgs" },
    { label: data.organisation.name, to: `/orgs/${data.organisation.id}` },
    { label: data.round.name, to: `/rounds/${data.round.id}` },
    { label: "Delete", to: `/rounds/${data.round.id}/delete` },
  ],
};

export default function DeleteRound() {
  const { round, items } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <div className="page-head">
        <h1>Delete {round.name}</h1>
      </div>
      <ErasureForm what="round" name={round.name} items={items} error={result?.error} />
    </>
  );
}
