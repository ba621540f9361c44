import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { erasedQuery, erasureItems, ErasureForm } from "~/components/erasure";
import { confirmationProblem } from "~/domain/rounds/erasure";
import { eraseOrganisation, organisationErasureSummary } from "~/models/erasure.server";
import { requireOrganisation } from "~/utils/auth.server";
import { problem } from "~/utils/problem";
import { readForm } from "~/utils/form.server";

/** Admins only: an organisation with every round, response, invitation and note in it, erased after a confirmation. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { organisation } = await requireOrganisation(request, context, params.orgId, "data.erase");
  const summary = (await organisationErasureSummary(context.db, organisation.id))!;
  return { organisation: { id: organisation.id, name: organisation.name }, rounds: summary.rounds.map((r) => r.name), items: erasureItems(summary, true) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { organisation } = await requireOrganisation(request, context, params.orgId, "data.erase");
  const refused = confirmationProblem((await readForm(request)).get("confirm"), organisation.name, "organisation");
  if (refused) return data({ error: refused.message }, { status: refused.status });
  const summary = await eraseOrganisation(context.database, organisation.id);
  if (!summary) problem(404, "Not found", "This organisation was already deleted.");
  return redirect(`/orgs?${erasedQuery("organisation", summary)}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Delete ${data?.organisation.name ?? "organisation"} | ModelGap` }];
export const handle = {
  breadcrumb: (data: Awaited<ReturnType<typeof loader>>) => [
    { label: "Organisations", to: "/orgs" },
    { label: data.organisation.name, to: `/orgs/${data.organisation.id}` },
    { label: "Delete", to: `/orgs/${data.organisation.id}/delete` },
  ],
};

export default function DeleteOrganisation() {
  const { organisation, rounds, items } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <div className="page-head">
        <h1>Delete {organisation.name}</h1>
      </div>
      {rounds.length > 0 ? <p>Its rounds: {rounds.map((name) => `“${name}”`).join(", ")}.</p> : <p>It has no rounds.</p>}
      <ErasureForm what="organisation" name={organisation.name} items={items} error={result?.error} />
    </>
  );
}
