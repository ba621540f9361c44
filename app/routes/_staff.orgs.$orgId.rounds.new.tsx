import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { RoundForm } from "~/components/round-form";
import { currentInstrument } from "~/domain/instrument/instruments";
import { levelKeyFromLabel } from "~/domain/rounds/round-form";
import { DEFAULT_LEVELS, DEFAULT_MIN_GROUP_SIZE } from "~/domain/rounds/rounds";
import { createRound } from "~/models/rounds.server";
import { requireOrganisation } from "~/utils/auth.server";
import { instrumentOptions, parseRoundForm } from "~/utils/round-form.server";
import { readForm } from "~/utils/form.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { organisation } = await requireOrganisation(request, context, params.orgId, "round.manage");
  return {
    organisation: { id: organisation.id, name: organisation.name },
    instruments: instrumentOptions(),
    defaults: {
      name: "",
      instrument: `${currentInstrument.id}@${currentInstrument.version}`,
      levels: DEFAULT_LEVELS.map((level) => ({ id: "", label: level.label })),
      opensOn: "",
      closesOn: "",
      minGroupSize: String(DEFAULT_MIN_GROUP_SIZE),
      welcomeNote: "",
      customers: false,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { organisation } = await requireOrganisation(request, context, params.orgId, "round.manage");
  const parsed = parseRoundForm(await readForm(request));
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const taken = new Set<string>();
  const levels = parsed.form.levelLabels.map((label) => {
    const key = levelKeyFromLabel(label, taken);
    taken.add(key);
    return { key, label };
  });
  const { round } = await createRound(context.db, { organisationId: organisation.id, levels, ...parsed.settings, status: "draft" });
  return redirect(`/rounds/${round.id}?created=1`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `New round: ${data?.organisation.name ?? ""} | ModelGap` }];
export const handle = {
  breadcrumb: (data: Awaited<ReturnType<typeof loader>>) => [
    { label: "Organisations", to: "/orgs" },
    { label: data.organisation.name, to: `/orgs/${data.organisation.id}` },
    { label: "New round", to: `/orgs/${data.organisation.id}/rounds/new` },
  ],
};

export default function NewRound() {
  const { defaults, instruments, organisation } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <div className="page-head">
        <h1>New round for {organisation.name}</h1>
      </div>
      <p>The round starts as a draft: nobody can answer until you open it, and you can still change its levels.</p>
      <RoundForm values={result?.values ?? defaults} errors={result?.errors ?? {}} instruments={instruments} submitLabel="Create round" structureLocked={false} />
    </>
  );
}
