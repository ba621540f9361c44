import { Form } from "@remix-run/react";
import { CopyButton } from "./copy-button";

interface LevelLink {
  levelId: number;
  key: string;
  label: string;
  kind: "staff" | "customers";
  link: string;
  qr: string;
}

/** Each level's open link, with copy, a QR code for the screen, and regeneration behind a confirmation. */
export function LevelLinks({ links, roundId, status }: { links: LevelLink[]; roundId: string; status: string }) {
  return (
    <section aria-labelledby="links">
      <h2 id="links">Open links</h2>
      <p className="hint">
        Anyone with a level’s link can answer as that level, once per browser. {status === "open" ? "" : "Links take answers only while the round is open."}{" "}
        For one response per person, use <a href={`/rounds/${roundId}/invitations`}>personal invitations</a>.
      </p>
      <div className="grid-2">
        {links.map((level) => (
          <div className="card" key={level.levelId}>
            <h3>
              {level.label} <span className="hint">(id {level.key})</span>
            </h3>
            {level.kind === "customers" ? (
              <p className="hint">
                The customer link: share it with the organisation’s customers (on a receipt, a screen, a web page or a message). Customers need no account
                and answer a short questionnaire of their own. To email customers through the app, one link each with reminders, add them on the{" "}
                <a href={`/rounds/${roundId}/invitations`}>personal invitations</a> page with the level “{level.label}”.
              </p>
            ) : null}
            <div className="link-row">
              <code>{level.link}</code>
              <CopyButton text={level.link} label={`Copy the ${level.label} link`} />
            </div>
            <details>
              <summary>Show QR code</summary>
              <figure className="qr" role="img" aria-label={`QR code of the ${level.label} link`} dangerouslySetInnerHTML={{ __html: level.qr }} />
            </details>
            <details className="confirm">
              <summary className="link-button">Replace this link…</summary>
              <div className="confirm__panel">
                <p>People who have the old link will be told it was replaced; what they saved is kept. Share the new link with them.</p>
                <Form method="post">
                  <input type="hidden" name="levelId" value={level.levelId} />
                  <button type="submit" name="intent" value="regenerate" className="button button--small">
                    Make a new link for {level.label}
                  </button>
                </Form>
              </div>
            </details>
          </div>
        ))}
      </div>
    </section>
  );
}
