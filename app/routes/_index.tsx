import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "ModelGap: which customer-management models does your organisation really run?" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getUser(request, context)) throw redirect("/orgs");
  return null;
}

export default function Index() {
  return (
    <main id="main" className="page page--narrow">
      <div className="card">
        <h1>ModelGap</h1>
        <p className="lead">
          A diagnostic survey of the customer-management models an organisation runs: what each level says it runs, what it wants to run, and what
          its practices, measures and incentives actually enact.
        </p>
        <p>
          <strong>Answering a survey?</strong> Use the link you were sent; you do not need an account.
        </p>
        <p className="actions">
          <Link to="/login" className="button">
            Sign in
          </Link>
        </p>
      </div>
    </main>
  );
}
