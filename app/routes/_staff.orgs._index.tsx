import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErasedNotice } from "~/components/erasure";
import { Field } from "~/components/field";
import { canCreateOrganisations } from "~/domain/access/access";
import { organisationNameSchema } from "~/domain/rounds/rounds";
import { createOrganisation, listOrganisationsFor, OrganisationNameTaken } from "~/models/organisations.server";
import { authorise } from "~/utils/auth.server";
import { fieldErrors, readForm } from "~/utils/form.server";
import { problem } from "~/utils/problem";

export const meta: MetaFunction = () => [{ title: "Organisations | ModelGap" }];
export const handle = { breadcrumb: () => [{ label: "Organisations", to: "/orgs" }] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await authorise(request, context, "organisation.view", null);
  return { organisations: await listOrganisationsFor(context.db, user), canCreate: canCreateOrganisations(user.role), role: user.role };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await authorise(request, context, "organisation.view", null);
  if (!canCreateOrganisations(user.role)) problem(403, "Your role cannot create organisations", "Ask an administrator or a facilitator.");
  const form = await readForm(request);
  const parsed = z.object({ name: organisationNameSchema }).safeParse({ name: form.get("name") ?? "" });
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), name: String(form.get("name") ?? "") }, { status: 400 });
  try {
    const organisation = await createOrganisation(context.db, parsed.data.name, user);
    return redirect(`/orgs/${organisation.id}`);
  } catch (error) {
    if (!(error instanceof OrganisationNameTaken)) throw error;
    // Only an organisation this person can already see is named: other workspaces stay invisible.
    const message = `you already have an organisation called “${error.existing.name}”; choose another name or open that one`;
    return data({ errors: { name: message }, name: parsed.data.name }, { status: 409 });
  }
}

export default function Organisations() {
  const { organisations, canCreate, role } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <div className="page-head">
        <h1>Organisations</h1>
      </div>
      <ErasedNotice />
      {organisations.length === 0 ? (
        <div className="empty">
          <p>
            <strong>No organisations yet.</strong>
          </p>
          <p>{canCreate ? "Create the first one below, then set up its first survey round." : "Ask an administrator to assign you to an organisation."}</p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <caption className="visually-hidden">Organisations you can see</caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col" className="num">
                  Rounds
                </th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((organisation) => (
                <tr key={organisation.id}>
                  <td>
                    <Link to={`/orgs/${organisation.id}`}>{organisation.name}</Link>
                  </td>
                  <td className="num">{organisation.rounds}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canCreate ? (
        <section className="card" aria-labelledby="new-org">
          <h2 id="new-org">New organisation</h2>
          {role === "facilitator" ? <p className="hint">You will be assigned to the organisations you create.</p> : null}
          <Form method="post">
            <Field label="Name" name="name" defaultValue={result?.name} error={result?.errors.name} required maxLength={120} />
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                Create organisation
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
