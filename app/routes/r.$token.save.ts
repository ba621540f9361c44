import type { ActionFunctionArgs } from "@remix-run/node";
import { findJourney } from "~/models/journey.server";
import { saveInBackground } from "~/utils/journey-posts.server";
import { NO_STORE } from "~/utils/journey.server";

/** Saving while typing: the survey page's script posts the page's fields here as the respondent goes. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ title: "Use POST", message: "Autosave takes POST." }, { status: 405, headers: NO_STORE });
  const journey = params.token ? await findJourney(context.db, params.token) : undefined;
  if (!journey) return Response.json({ title: "Unknown link", message: "This survey link is not recognised." }, { status: 404, headers: NO_STORE });
  return saveInBackground(request, journey, context);
}

export function loader() {
  return Response.json({ title: "Use POST", message: "Autosave takes POST." }, { status: 405, headers: NO_STORE });
}
