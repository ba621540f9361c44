import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "ModelGap: which customer-management models does your organisation really run?" }];

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
      </div>
    </main>
  );
}
