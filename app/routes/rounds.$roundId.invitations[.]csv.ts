import type { LoaderFunctionArgs } from "@remix-run/node";
import { listInvitations } from "~/models/invitations.server";
import { linkFor } from "~/models/rounds.server";
import { requireRound } from "~/utils/auth.server";
import { csvResponse } from "~/utils/csv-response.server";

/** Every invitation with its personal link, for a mail merge. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { round } = await requireRound(request, context, params.roundId, "round.manage");
  const rows = listInvitations(context.db, round.id).map((i) => [i.email, i.name, i.levelKey, i.levelLabel, linkFor(context.config.baseUrl, i.token)]);
  return csvResponse(`${round.name}-invitation-links.csv`, ["email", "name", "level", "level_label", "link"], rows);
}
