import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { z } from "zod";
import { errorTitle, GeneralErrorBoundary } from "~/components/error-boundary";
import { problem } from "~/utils/problem";
import { waitFor } from "~/utils/sign-in.server";

/**
 * Where the server's open-link limits send a refused browser request (see
 * app/server/refusals.ts): a 429 page that says how long to wait. Reached
 * directly, it says the same with a default wait.
 */
function refuse(request: Request): never {
  const retry = z.coerce.number().int().min(1).max(86_400).catch(60).parse(new URL(request.url).searchParams.get("retry") ?? undefined);
  problem(
    429,
    "Too many requests at once",
    `So many requests for this survey are arriving from your network that this one was turned away, to keep scripts from filling the survey. Answers you already saved are kept. Wait ${waitFor(retry)}, then go back and try again.`,
    { "Retry-After": String(retry), "Cache-Control": "no-store" },
  );
}

export const loader = ({ request }: LoaderFunctionArgs) => refuse(request);
export const action = ({ request }: LoaderFunctionArgs) => refuse(request);

export const meta: MetaFunction = ({ error }) => [{ title: errorTitle(error) }];

export default function TooManyRequests() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
