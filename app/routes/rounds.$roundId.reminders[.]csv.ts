import type { LoaderFunctionArgs } from "@remix-run/node";
import { listInvitations } from "~/models/invitations.server";
import { linkFor } from "~/models/rounds.server";
import { requireRound } from "~/utils/auth.server";
import { csvResponse } from "~/utils/csv-response.server";

/** People invited who have not submitted yet, with their link, to remind them. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { round } = await requireRound(request, context, params.roundId, "round.manage");
  const rows = listInvitations(context.db, round.id)
    .filter((i) => i.status !== "submitted")
    .map((i) => [i.email, i.name, i.levelKey, i.levelLabel, i.status, linkFor(context.config.baseUrl, i.token)]);
  return csvResponse(`${round.name}-reminders.csv`, ["email", "name", "level", "level_label", "status", "link"], rows);
}
