import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { errorTitle, GeneralErrorBoundary } from "~/components/error-boundary";
import { RespondentShell } from "~/components/respondent-shell";
import { SurveyScreenView, screenTitle } from "~/components/survey/survey-screen";
import { Welcome } from "~/components/survey/welcome";
import { questionnaireFor } from "~/domain/instrument/instruments";
import { effectiveMinGroupSize } from "~/domain/report/anonymity";
import { listLevels } from "~/models/rounds.server";
import { requireRound } from "~/utils/auth.server";
import { noStoreHeaders } from "~/utils/journey.server";
import { previewHeaders, previewPath, readPreview, type PreviewState } from "~/utils/preview.server";
import { problem } from "~/utils/problem";
import { advanceSurvey, readSurveyPost, surveyScreen } from "~/utils/survey-screen.server";
import surveyStyles from "~/styles/survey.css?url";
import { readForm } from "~/utils/form.server";

export const handle = { hydrate: false };
export const headers = noStoreHeaders;
export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];

/** Facilitators and consultants with access to the round take its survey as a level would; nothing is stored. */
async function requirePreview(request: Request, context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const { round, organisation } = await requireRound(request, context, params.roundId, "organisation.view");
  const level = (await listLevels(context.db, round.id)).find((l) => l.key === params.levelKey);
  if (!level) problem(404, "No such level", "Go back to the round and choose one of its levels.");
  const instrument = questionnaireFor(round, level);
  const path = previewPath(round.id, level.key);
  return { round, organisation, level, instrument, path, state: await readPreview(request, context, round.id, level.key, instrument) };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { round, organisation, level, instrument, path, state } = await requirePreview(request, context, params);
  const base = { organisation: organisation.name, preview: { level: level.label, roundUrl: `/rounds/${round.id}` }, path };
  if (state.stage === "survey") return { ...base, stage: "survey" as const, screen: surveyScreen(instrument, state.answers, state.page) };
  if (state.stage === "done") return { ...base, stage: "done" as const };
  const welcome = {
    audience: instrument.perspective,
    organisation: organisation.name,
    roundName: round.name,
    welcomeNote: round.welcomeNote,
    level: level.label,
    personal: false,
    minutes: instrument.welcome.minutes,
    intro: instrument.welcome.intro,
    minGroupSize: effectiveMinGroupSize(round.minGroupSize),
    state: "new" as const,
  };
  return { ...base, stage: "welcome" as const, welcome };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded, error }) => [
  {
    title: error
      ? errorTitle(error)
      : `Preview (${loaded?.preview.level ?? "level"}): ${loaded?.stage === "survey" ? screenTitle(loaded.screen) : loaded?.stage === "done" ? "finished" : "welcome"} | ModelGap`,
  },
];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { round, level, instrument, path, state } = await requirePreview(request, context, params);
  const form = await readForm(request);
  const keep = async (next: PreviewState) => previewHeaders(context, round.id, level.key, next);
  const intent = form.get("_intent");
  if (intent === "start" || intent === "again") return redirect(path, { headers: await keep(intent === "start" ? { stage: "survey", answers: {}, page: 0 } : { stage: "welcome" }) });
  const post = readSurveyPost(instrument, form);
  if (!post || post.intent === "save" || state.stage !== "survey") problem(400, "That request could not be understood", "Go back to the preview and start again.");
  const step = advanceSurvey(instrument, state.answers, post);
  if (step.kind === "complete") return redirect(path, { headers: await keep({ stage: "done" }) });
  const headers = await keep({ stage: "survey", answers: step.answers, page: step.page });
  if (step.kind === "go") return redirect(path, { headers });
  return data({ screen: step.screen }, { status: 422, headers });
}

export default function Preview() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  return (
    <RespondentShell organisation={loaded.organisation} preview={loaded.preview}>
      {loaded.stage === "welcome" ? <Welcome data={loaded.welcome} action={loaded.path} /> : null}
      {loaded.stage === "survey" ? <SurveyScreenView screen={posted?.screen ?? loaded.screen} target={{ action: loaded.path, saveUrl: null, revision: 0 }} /> : null}
      {loaded.stage === "done" ? (
        <div className="card problem success">
          <h1>End of the preview</h1>
          <p className="lead">A respondent would now see the thank-you page. Nothing you entered was stored or counted.</p>
          <form method="post" action={loaded.path} className="actions">
            <input type="hidden" name="_intent" value="again" />
            <button type="submit" className="button">
              Preview again
            </button>
            <a className="button button--secondary" href={loaded.preview.roundUrl}>
              Back to the round
            </a>
          </form>
        </div>
      ) : null}
    </RespondentShell>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
