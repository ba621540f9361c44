import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { isProblem } from "~/utils/problem";

const FALLBACK: Record<number, { title: string; message: string }> = {
  400: { title: "That request could not be understood", message: "Go back and try again." },
  403: { title: "You cannot open this page", message: "Ask the person who runs this survey for access." },
  404: { title: "Page not found", message: "Check the address, or go back to the page you came from." },
  405: { title: "That action is not available here", message: "Go back and try again." },
  413: { title: "That was too large", message: "Send less data at once and try again." },
};

/** Every thrown error response carries { title, message }; anything else is a bug and shows no details. */
export function describeError(error: unknown): { status: number; title: string; message: string } {
  if (isRouteErrorResponse(error)) {
    const known = isProblem(error.data) ? error.data : (FALLBACK[error.status] ?? { title: "Something went wrong", message: "Please try again." });
    return { status: error.status, title: known.title, message: known.message };
  }
  return {
    status: 500,
    title: "Something went wrong on our side",
    message: "Nothing you did caused this. Please try again in a moment; anything you already saved is kept.",
  };
}

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { status, title, message } = describeError(error);
  return (
    <main id="main" className="page page--narrow" aria-labelledby="error-title">
      <div className="problem" role={status >= 500 ? "alert" : undefined}>
        <p className="problem__status">Error {status}</p>
        <h1 id="error-title">{title}</h1>
        <p>{message}</p>
      </div>
    </main>
  );
}

/** Page titles for error pages (Remix calls meta with the error). */
export function errorTitle(error: unknown): string {
  return `${describeError(error).title} | ModelGap`;
}
