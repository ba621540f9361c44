import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { listLevels } from "~/models/rounds.server";
import { releaseHeld } from "~/models/open-links.server";
import { requireRound } from "~/utils/auth.server";
import { problem } from "~/utils/problem";
import { readForm } from "~/utils/form.server";
import { rowId } from "~/domain/stored-integer";

/** A facilitator counts in the responses held after a refused burst on one level (the panel on the round page posts here). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { round } = await requireRound(request, context, params.roundId, "round.manage");
  const levelId = rowId().safeParse((await readForm(request)).get("levelId"));
  if (!levelId.success || !(await listLevels(context.db, round.id)).some((level) => level.id === levelId.data)) {
    problem(400, "No such level", "Go back to the round and try again.");
  }
  const released = await releaseHeld(context.db, round.id, levelId.data);
  return redirect(`/rounds/${round.id}?released=${released}#open-link-protection`);
}

/** Nothing to show here: back to the round (which answers 404 to anyone who may not see it, as this does). */
export async function loader({ request, params, context }: ActionFunctionArgs) {
  const { round } = await requireRound(request, context, params.roundId, "organisation.view");
  return redirect(`/rounds/${round.id}`);
}
