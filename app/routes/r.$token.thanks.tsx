import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { errorTitle, GeneralErrorBoundary } from "~/components/error-boundary";
import { RespondentShell } from "~/components/respondent-shell";
import { effectiveMinGroupSize } from "~/domain/report/anonymity";
import { currentResponse, requireJourney } from "~/utils/journey.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const journey = requireJourney(context, params.token);
  const { response } = await currentResponse(request, journey, context);
  if (response?.status !== "submitted") throw redirect(`/r/${journey.token}`);
  return {
    organisation: journey.organisation.name,
    level: journey.level.label,
    minGroupSize: effectiveMinGroupSize(journey.round.minGroupSize),
  };
}

export const meta: MetaFunction<typeof loader> = ({ error }) => [{ title: error ? errorTitle(error) : "Thank you | ModelGap" }];

export default function Thanks() {
  const data = useLoaderData<typeof loader>();
  return (
    <RespondentShell organisation={data.organisation}>
      <div className="card problem success" role="status">
        <h1>Thank you: your answers are in</h1>
        <p className="lead">Your answers have been submitted and stored safely. You can close this page.</p>
        <p>
          They will be read together with those of other people at your level ({data.level}). Results for a level are shown only once at least{" "}
          {data.minGroupSize} people have answered, and never for one person.
        </p>
      </div>
    </RespondentShell>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
