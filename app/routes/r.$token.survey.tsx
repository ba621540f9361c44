import { data as withStatus, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import surveyStyles from "survey-core/survey-core.fontless.min.css?url";
import { z } from "zod";
import { errorTitle, GeneralErrorBoundary } from "~/components/error-boundary";
import { RespondentShell } from "~/components/respondent-shell";
import { SurveyRunner } from "~/components/survey/survey-runner";
import { answersSchema } from "~/domain/instrument/answers";
import { surveyLayout, toSurveyData } from "~/domain/instrument/survey-data";
import { getInstrument } from "~/domain/instrument/instruments";
import { scoreResponse } from "~/domain/instrument/scoring";
import { submitResponse } from "~/models/responses.server";
import { parseJsonBody } from "~/utils/json-body.server";
import { currentResponse, refuseUnavailable, requireJourney, requireOpenRound, resumeCookieHeader } from "~/utils/journey.server";
import { problem } from "~/utils/problem";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const journey = requireJourney(context, params.token);
  const { response } = await currentResponse(request, journey, context);
  if (response?.status === "submitted") throw redirect(`/r/${journey.token}/thanks`);
  requireOpenRound(journey);
  if (!response) throw redirect(`/r/${journey.token}`);
  const instrument = getInstrument(journey.round.instrumentId, journey.round.instrumentVersion);
  const layout = surveyLayout(instrument);
  return {
    organisation: journey.organisation.name,
    token: journey.token,
    survey: instrument.survey,
    layout,
    data: toSurveyData(layout, response.answers),
    page: response.currentPage,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => [
  { title: error ? errorTitle(error) : `Questions: ${data?.organisation ?? "survey"} | ModelGap` },
];

/** Submit: validate on the server, score, and store answers and profiles together, once. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const journey = requireJourney(context, params.token);
  const instrument = getInstrument(journey.round.instrumentId, journey.round.instrumentVersion);
  const body = await parseJsonBody(request, z.object({ answers: answersSchema(instrument, "submit") }));
  const { resumeToken, response } = await currentResponse(request, journey, context);
  if (!body.ok) {
    // Without a draft there is no survey on screen to keep: the refusal is a page of its own.
    if (!response) problem(body.status, body.problem.title, body.problem.message);
    // Returned, not thrown: the survey stays on screen with the message beside it.
    return withStatus({ problem: body.problem }, { status: body.status });
  }
  const { answers } = body.value;
  const result = submitResponse(context.db, journey, resumeToken, answers, scoreResponse(instrument, answers));
  if (result.outcome === "already_submitted") throw redirect(`/r/${journey.token}/thanks`);
  if (result.outcome !== "submitted") refuseUnavailable(journey, result.outcome);
  return redirect(`/r/${journey.token}/thanks`, { headers: await resumeCookieHeader(journey, result.response, context) });
}

export default function SurveyPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <RespondentShell organisation={data.organisation} wide>
      <SurveyRunner
        key={data.token}
        survey={data.survey}
        layout={data.layout}
        initialData={data.data}
        initialPage={data.page}
        saveUrl={`/r/${data.token}/save`}
        submitUrl={`/r/${data.token}/survey`}
      />
    </RespondentShell>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
