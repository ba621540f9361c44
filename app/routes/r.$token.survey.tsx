import { data, type LinksFunction, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { errorTitle, GeneralErrorBoundary } from "~/components/error-boundary";
import surveyStyles from "~/styles/survey.css?url";
import { RespondentShell } from "~/components/respondent-shell";
import { SurveyScreenView, screenTitle } from "~/components/survey/survey-screen";
import { questionnaireFor } from "~/domain/instrument/instruments";
import { postSurveyPage, submitWholeAnswers } from "~/utils/journey-posts.server";
import { currentState, goTo, noStoreHeaders, requireJourney, requireOpenRound, thanksPath, welcomePath } from "~/utils/journey.server";
import { surveyScreen } from "~/utils/survey-screen.server";

export const handle = { hydrate: false };
export const headers = noStoreHeaders;
export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const journey = await requireJourney(context, params.token);
  const { state } = await currentState(request, journey, context);
  if (state.kind === "submitted") throw goTo(thanksPath(journey));
  requireOpenRound(journey);
  // Only this browser's own draft is ever shown: a personal link begun elsewhere goes to the welcome page, which asks.
  if (state.kind !== "draft") throw goTo(welcomePath(journey));
  const instrument = questionnaireFor(journey.round, journey.level);
  return {
    organisation: journey.organisation.name,
    screen: surveyScreen(instrument, state.response.answers, state.response.currentPage),
    target: { action: `/r/${journey.token}/survey`, saveUrl: `/r/${journey.token}/save`, revision: state.response.revision },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded, error }) => [
  { title: error ? errorTitle(error) : `${loaded ? screenTitle(loaded.screen) : "Questions"}: ${loaded?.organisation ?? "survey"} | ModelGap` },
];

/**
 * A page post: the post is the save; Next, Back and Submit move on when the
 * page is in order. A JSON body of whole answers (`{ answers }`) submits at
 * once, for programs and tests, under the same rules.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const journey = await requireJourney(context, params.token);
  if ((request.headers.get("content-type") ?? "").includes("application/json")) return submitWholeAnswers(request, journey, context);
  const shown = await postSurveyPage(request, journey, context);
  return data({ screen: shown.screen, revision: shown.revision }, { status: 422, headers: shown.headers });
}

export default function SurveyPage() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  return (
    <RespondentShell organisation={loaded.organisation}>
      <SurveyScreenView screen={posted?.screen ?? loaded.screen} target={{ ...loaded.target, revision: posted?.revision ?? loaded.target.revision }} />
    </RespondentShell>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
