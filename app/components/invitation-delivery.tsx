import { Form, useNavigation } from "@remix-run/react";

export interface LevelDelivery {
  levelId: number;
  label: string;
  invited: number;
  /** Invitations whose answers have not arrived: a count, never who. */
  notAnswered: number;
  sent: number;
  waiting: number;
  failed: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Emails per level, as counts, with reminders and retries. Nothing here names a
 * person: the app knows whom to remind, staff only how many.
 */
export function InvitationDelivery({ levels, open }: { levels: LevelDelivery[]; open: boolean }) {
  const busy = useNavigation().state === "submitting";
  const failed = levels.reduce((sum, level) => sum + level.failed, 0);
  const waiting = levels.reduce((sum, level) => sum + level.waiting, 0);
  return (
    <section aria-labelledby="delivery">
      <h2 id="delivery">Emails and reminders</h2>
      <p className="hint">
        {open
          ? "The app emails invitations as soon as people are added. A reminder goes only to the people of a level whose answers have not arrived."
          : "Invitations are emailed when the round opens; reminders can be sent while it is open."}
      </p>
      {failed > 0 ? (
        <div className="alert" role="alert">
          <p>
            <strong>{plural(failed, "email", "emails")} could not be sent.</strong> The invitations are kept. Ask whoever runs the server to check its
            mail settings (SMTP_URL; its log names the reason), then send them again.
          </p>
          <Form method="post">
            <button type="submit" name="intent" value="retry" className="button button--small" disabled={busy || !open}>
              Retry failed emails
            </button>
          </Form>
        </div>
      ) : null}
      {waiting > 0 && failed === 0 && open ? (
        <Form method="post" className="actions">
          <span role="status">{plural(waiting, "email is", "emails are")} waiting to be sent.</span>
          <button type="submit" name="intent" value="retry" className="button button--small button--secondary" disabled={busy}>
            Send waiting emails now
          </button>
        </Form>
      ) : null}
      <div className="table-scroll">
        <table className="data">
          <caption className="visually-hidden">Emails per level (counts only)</caption>
          <thead>
            <tr>
              <th scope="col">Level</th>
              <th scope="col" className="num">Invited</th>
              <th scope="col" className="num">Emails sent</th>
              <th scope="col" className="num">Waiting</th>
              <th scope="col" className="num">Failed</th>
              <th scope="col">Reminder</th>
            </tr>
          </thead>
          <tbody>
            {levels.map((level) => (
              <tr key={level.levelId}>
                <th scope="row">{level.label}</th>
                <td className="num">{level.invited}</td>
                <td className="num">{level.sent}</td>
                <td className="num">{level.waiting}</td>
                <td className="num">{level.failed > 0 ? `⚠ ${level.failed}` : 0}</td>
                <td>
                  {!open || level.invited === 0 ? (
                    "–"
                  ) : level.notAnswered === 0 ? (
                    "Everyone invited has answered"
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="levelId" value={level.levelId} />
                      <button type="submit" name="intent" value="remind" className="button button--small button--secondary" disabled={busy}>
                        Remind {plural(level.notAnswered, "person", "people")} at {level.label}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
