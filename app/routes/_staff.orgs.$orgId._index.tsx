import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErasedNotice } from "~/components/erasure";
import { StatusBadge } from "~/components/status-badge";
import { hasCapability } from "~/domain/access/access";
import { roundAvailability } from "~/domain/rounds/rounds";
import { submittedByRound } from "~/models/participation.server";
import { listRounds } from "~/models/rounds.server";
import { requireOrganisation } from "~/utils/auth.server";
import { formatDay } from "~/utils/format";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, organisation } = await requireOrganisation(request, context, params.orgId, "organisation.view");
  const rounds = await listRounds(context.db, organisation.id);
  const submitted = await submittedByRound(context.db, rounds.map((r) => r.id));
  const now = new Date();
  return {
    organisation: { id: organisation.id, name: organisation.name },
    canManage: hasCapability(user.role, "round.manage"),
    canErase: hasCapability(user.role, "data.erase"),
    rounds: rounds.map((round) => ({
      id: round.id,
      name: round.name,
      status: round.status,
      availability: roundAvailability(round, now),
      opensAt: round.opensAt?.toISOString() ?? null,
      closesAt: round.closesAt?.toISOString() ?? null,
      submitted: submitted.get(round.id) ?? 0,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organisation.name ?? "Organisation"} | ModelGap` }];
export const handle = {
  breadcrumb: (data: Awaited<ReturnType<typeof loader>>) => [
    { label: "Organisations", to: "/orgs" },
    { label: data.organisation.name, to: `/orgs/${data.organisation.id}` },
  ],
};

export default function OrganisationPage() {
  const { organisation, rounds, canManage, canErase } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>{organisation.name}</h1>
        {canManage && rounds.length > 0 ? (
          <Link to={`/orgs/${organisation.id}/rounds/new`} className="button">
            New round
          </Link>
        ) : null}
      </div>
      <ErasedNotice />
      {rounds.length === 0 ? (
        <div className="empty">
          <p>
            <strong>No rounds yet{canManage ? ": create the first." : "."}</strong>
          </p>
          <p>A round asks this organisation’s levels the same questions, once, and gives one gap report.</p>
          {canManage ? (
            <Link to={`/orgs/${organisation.id}/rounds/new`} className="button">
              Create the first round
            </Link>
          ) : null}
        </div>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <caption>Survey rounds, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Round</th>
                <th scope="col">Status</th>
                <th scope="col">Opens</th>
                <th scope="col">Closes</th>
                <th scope="col" className="num">
                  Submitted
                </th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((round) => (
                <tr key={round.id}>
                  <td>
                    <Link to={`/rounds/${round.id}`}>{round.name}</Link>
                  </td>
                  <td>
                    <StatusBadge status={round.status} availability={round.availability} />
                  </td>
                  <td>{formatDay(round.opensAt) || "When opened"}</td>
                  <td>{formatDay(round.closesAt) || "When closed"}</td>
                  <td className="num">{round.submitted}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canErase ? (
        <p>
          <Link to={`/orgs/${organisation.id}/delete`} className="button button--secondary button--small">
            Delete this organisation…
          </Link>
        </p>
      ) : null}
    </>
  );
}
