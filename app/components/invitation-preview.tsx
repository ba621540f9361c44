import { Form } from "@remix-run/react";
import type { InvitationPreview } from "~/domain/rounds/invitation-csv";

/**
 * The checked file: every row with its line number; bad rows say what is
 * wrong. Import only when all are good; people already invited are skipped.
 */
export function InvitationPreviewTable({ preview, csv, busy, roundOpen }: { preview: InvitationPreview; csv: string; busy: boolean; roundOpen: boolean }) {
  const bad = preview.rows.filter((row) => row.errors.length > 0);
  const skipped = preview.rows.filter((row) => row.alreadyInvited && row.errors.length === 0).length;
  const count = preview.toInvite.length;
  return (
    <div aria-live="polite">
      {preview.problems.length > 0 ? (
        <div className="alert" role="alert">
          <ul>
            {preview.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {bad.length > 0 ? (
        <div className="alert" role="alert">
          <strong>
            {bad.length} row{bad.length === 1 ? " needs" : "s need"} fixing
          </strong>{" "}
          (line{bad.length === 1 ? "" : "s"} {bad.map((row) => row.line).join(", ")}). Nothing has been stored: fix the file and check it again.
        </div>
      ) : null}
      {preview.rows.length > 0 ? (
        <div className="table-scroll">
          <table className="data">
            <caption>Preview: {preview.rows.length} row{preview.rows.length === 1 ? "" : "s"}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">Line</th>
                <th scope="col">Email</th>
                <th scope="col">Level</th>
                <th scope="col">Name</th>
                <th scope="col">Check</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <tr key={row.line} className={row.errors.length ? "row-error" : undefined}>
                  <td className="num">{row.line}</td>
                  <td>{row.email}</td>
                  <td>{row.levelText}</td>
                  <td>{row.name ?? ""}</td>
                  <td>{row.errors.length ? <span>⚠ {row.errors.join("; ")}</span> : row.alreadyInvited ? "↷ Already invited: skipped" : "✓ OK"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {preview.valid && count === 0 ? (
        <p className="flash" role="status">
          Everyone in this file is already invited to this round: there is nobody new to add.
        </p>
      ) : null}
      {preview.valid && count > 0 ? (
        <Form method="post">
          <input type="hidden" name="csv" value={csv} />
          {skipped > 0 ? (
            <p>
              {skipped} {skipped === 1 ? "person is" : "people are"} already invited and will be skipped; nobody gets a second invitation.
            </p>
          ) : null}
          <p className="hint">
            {roundOpen
              ? "The app emails each person their own link as soon as you confirm."
              : "The app emails each person their own link when you open the round."}
          </p>
          <button type="submit" name="intent" value="import" className="button" disabled={busy}>
            {skipped > 0 ? `Invite the ${count} new ${count === 1 ? "person" : "people"}, skip ${skipped}` : count === 1 ? "Invite this person" : `Invite these ${count} people`}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
