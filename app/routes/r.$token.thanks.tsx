import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { errorTitle, GeneralErrorBoundary } from "~/components/error-boundary";
import surveyStyles from "~/styles/survey.css?url";
import { RespondentShell } from "~/components/respondent-shell";
import { effectiveMinGroupSize } from "~/domain/report/anonymity";
import { currentState, goTo, noStoreHeaders, requireJourney, welcomePath } from "~/utils/journey.server";

export const handle = { hydrate: false };
export const headers = noStoreHeaders;
export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];

/** Shown after submitting, and whenever the link is opened again afterwards (a personal link, from any browser). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const journey = await requireJourney(context, params.token);
  const { state } = await currentState(request, journey, context);
  if (state.kind !== "submitted") throw goTo(welcomePath(journey));
  return {
    organisation: journey.organisation.name,
    level: journey.level.label,
    customer: journey.level.kind === "customers",
    minGroupSize: effectiveMinGroupSize(journey.round.minGroupSize),
  };
}

export const meta: MetaFunction<typeof loader> = ({ error }) => [{ title: error ? errorTitle(error) : "Thank you | ModelGap" }];

export default function Thanks() {
  const data = useLoaderData<typeof loader>();
  return (
    <RespondentShell organisation={data.organisation}>
      <div className="card problem success">
        <h1>Thank you: your answers are in</h1>
        <p className="lead">Your answers have been submitted and stored safely. There is nothing more to do, and you can close this page.</p>
        {data.customer ? (
          <p>
            They will be read together with other customers’ answers. Customers’ results are shown only once at least {data.minGroupSize} customers have
            answered, and never for one person.
          </p>
        ) : (
          <p>
            They will be read together with those of other people at your level ({data.level}). Results for a level are shown only once at least{" "}
            {data.minGroupSize} people have answered, and never for one person.
          </p>
        )}
      </div>
    </RespondentShell>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
