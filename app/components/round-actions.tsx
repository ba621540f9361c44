import { Form, Link, useNavigation } from "@remix-run/react";

interface RoundActionsProps {
  round: { id: string; name: string; status: "draft" | "open" | "closed" };
}

/** Edit, invite, open, close (after a confirmation), reopen and clone. */
export function RoundActions({ round }: RoundActionsProps) {
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-label="Round actions" className="actions">
      <Link to={`/rounds/${round.id}/edit`} className="button button--secondary">
        Edit settings
      </Link>
      <Link to={`/rounds/${round.id}/invitations`} className="button button--secondary">
        Personal invitations
      </Link>
      {round.status !== "open" ? (
        <Form method="post">
          <button type="submit" name="intent" value="open" className="button" disabled={busy}>
            {round.status === "draft" ? "Open the round" : "Reopen the round"}
          </button>
        </Form>
      ) : (
        <details className="confirm">
          <summary className="button button--secondary">Close the round…</summary>
          <div className="confirm__panel" role="group" aria-label="Confirm closing">
            <p>
              <strong>Close “{round.name}”?</strong> Respondents will see that the survey has closed. Everything already saved is kept, and you can reopen
              it later.
            </p>
            <Form method="post">
              <button type="submit" name="intent" value="close" className="button button--danger" disabled={busy}>
                Yes, close the round
              </button>
            </Form>
          </div>
        </details>
      )}
      <details className="confirm">
        <summary className="button button--secondary">Clone into the next round…</summary>
        <div className="confirm__panel">
          <p>The next round gets the same levels and settings, new links, and is linked to this one so the report can show the change.</p>
          <Form method="post">
            <div className="field">
              <label htmlFor="clone-name">Name of the next round</label>
              <input id="clone-name" name="name" defaultValue={`${round.name} (follow-up)`} required maxLength={120} />
            </div>
            <button type="submit" name="intent" value="clone" className="button button--small" disabled={busy}>
              Create the next round
            </button>
          </Form>
        </div>
      </details>
    </section>
  );
}
