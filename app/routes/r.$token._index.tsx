import type { LinksFunction, ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { errorTitle, GeneralErrorBoundary } from "~/components/error-boundary";
import surveyStyles from "~/styles/survey.css?url";
import { RespondentShell } from "~/components/respondent-shell";
import { Welcome } from "~/components/survey/welcome";
import { questionnaireFor } from "~/domain/instrument/instruments";
import { effectiveMinGroupSize } from "~/domain/report/anonymity";
import { restartHere, startResponse } from "~/models/responses.server";
import { currentState, goTo, noStoreHeaders, requireJourney, requireOpenRound, resumeCookieHeader, surveyPath, thanksPath, welcomePath } from "~/utils/journey.server";
import { problem } from "~/utils/problem";
import { readForm } from "~/utils/form.server";

export const handle = { hydrate: false };
export const headers = noStoreHeaders;
export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const journey = await requireJourney(context, params.token);
  const { state } = await currentState(request, journey, context);
  if (state.kind === "submitted") throw goTo(thanksPath(journey));
  requireOpenRound(journey);
  const instrument = questionnaireFor(journey.round, journey.level);
  return {
    audience: instrument.perspective,
    organisation: journey.organisation.name,
    roundName: journey.round.name,
    welcomeNote: journey.round.welcomeNote,
    level: journey.level.label,
    personal: journey.kind === "invitation",
    minutes: instrument.welcome.minutes,
    intro: instrument.welcome.intro,
    minGroupSize: effectiveMinGroupSize(journey.round.minGroupSize),
    state: state.kind,
    action: welcomePath(journey),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => [
  { title: error ? errorTitle(error) : `${data?.organisation ?? "Survey"}: ${data?.audience === "customers" ? "customer survey" : "customer management survey"} | ModelGap` },
];

const startSchema = z.object({ _intent: z.enum(["start", "restart"]).default("start") });

/**
 * Start (or resume) this browser's draft, then go to the questions. "restart"
 * is the confirmed choice to discard a personal link's draft begun on another device.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const journey = await requireJourney(context, params.token);
  const form = startSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!form.success) problem(400, "That request could not be understood", "Go back to the survey link and press Start again.");
  const { resumeToken } = await currentState(request, journey, context);
  requireOpenRound(journey);
  const started = form.data._intent === "restart" ? await restartHere(context.db, journey, resumeToken) : await startResponse(context.db, journey, resumeToken);
  if (started.outcome === "submitted") return goTo(thanksPath(journey));
  // Never taken over silently: the welcome page says a draft exists elsewhere and asks first.
  if (started.outcome === "elsewhere") return goTo(welcomePath(journey));
  return goTo(surveyPath(journey), await resumeCookieHeader(journey, started.response.resumeToken, context));
}

export default function WelcomePage() {
  const data = useLoaderData<typeof loader>();
  return (
    <RespondentShell organisation={data.organisation}>
      <Welcome data={data} action={data.action} />
    </RespondentShell>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
