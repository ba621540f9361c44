import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { errorTitle, GeneralErrorBoundary } from "~/components/error-boundary";
import { RespondentShell } from "~/components/respondent-shell";
import { getInstrument } from "~/domain/instrument/instruments";
import { effectiveMinGroupSize } from "~/domain/report/anonymity";
import { startResponse } from "~/models/responses.server";
import { alreadySubmitted, currentResponse, requireJourney, requireOpenRound, resumeCookieHeader } from "~/utils/journey.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const journey = requireJourney(context, params.token);
  const { response } = await currentResponse(request, journey, context);
  if (response?.status === "submitted") alreadySubmitted(journey);
  requireOpenRound(journey);
  const instrument = getInstrument(journey.round.instrumentId, journey.round.instrumentVersion);
  return {
    organisation: journey.organisation.name,
    roundName: journey.round.name,
    welcomeNote: journey.round.welcomeNote,
    level: journey.level.label,
    personal: journey.kind === "invitation",
    minutes: instrument.welcome.minutes,
    intro: instrument.welcome.intro,
    minGroupSize: effectiveMinGroupSize(journey.round.minGroupSize),
    hasDraft: response?.status === "draft",
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => [
  { title: error ? errorTitle(error) : `${data?.organisation ?? "Survey"}: customer management survey | ModelGap` },
];

/** Start (or resume) the response, then go to the questions. Works without JavaScript. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const journey = requireJourney(context, params.token);
  const { resumeToken } = await currentResponse(request, journey, context);
  requireOpenRound(journey);
  const response = startResponse(context.db, journey, resumeToken);
  if (response.status === "submitted") throw redirect(`/r/${journey.token}/thanks`);
  return redirect(`/r/${journey.token}/survey`, { headers: await resumeCookieHeader(journey, response, context) });
}

export default function Welcome() {
  const data = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const starting = navigation.state !== "idle";
  return (
    <RespondentShell organisation={data.organisation}>
      <div className="card">
        <h1>How does {data.organisation} manage its customers?</h1>
        <p className="lead">{data.intro}</p>
        {data.welcomeNote ? (
          <blockquote className="note" aria-label="A note from the people running this survey">
            {data.welcomeNote}
          </blockquote>
        ) : null}
        <dl className="facts">
          <dt>Run by</dt>
          <dd>
            {data.organisation}, as part of “{data.roundName}”
          </dd>
          <dt>You are answering as</dt>
          <dd>
            <strong>{data.level}</strong>. If that is wrong, contact the person who sent you this link before you start.
          </dd>
          <dt>Time</dt>
          <dd>About {data.minutes} minutes. Your answers are saved as you go.</dd>
        </dl>
        <h2>How your answers stay anonymous</h2>
        <ul className="plain">
          <li>
            Results are only ever shown for groups. A level’s results appear only once at least <strong>{data.minGroupSize} people</strong> at that
            level have answered; until then it is listed by its number of answers alone.
          </li>
          <li>Nobody sees one person’s answers: reports, exports and files show group averages only, never anything per person.</li>
          {data.personal ? (
            <li>
              Your personal link tells the organisers only <em>whether</em> you have answered, so that they can send reminders. Your answers are never
              linked to your name or email in any report.
            </li>
          ) : (
            <li>We do not ask your name. A cookie in this browser remembers your unfinished answers so you can come back to them.</li>
          )}
          <li>Comments you write are shown without your name, in random order, and only for groups large enough to report.</li>
        </ul>
        <Form method="post" className="actions">
          <button type="submit" className="button" disabled={starting} aria-disabled={starting}>
            {starting ? "Opening…" : data.hasDraft ? "Continue where you left off" : "Start the survey"}
          </button>
        </Form>
        <p>
          {data.personal
            ? "You can leave at any time and come back to this link to finish."
            : "You can leave at any time and come back to this link in the same browser to finish."}
        </p>
      </div>
    </RespondentShell>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
