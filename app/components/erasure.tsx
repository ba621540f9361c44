import { Form, useNavigation, useSearchParams } from "@remix-run/react";
import type { ErasureSummary } from "~/models/erasure.server";

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What an erasure takes, in words: the confirmation page lists it before, the flash counts it after. */
export function erasureItems(summary: Pick<ErasureSummary, "rounds" | "responses" | "invitations" | "notes" | "memberships" | "levels">, withRounds: boolean): string[] {
  return [
    ...(withRounds ? [count(summary.rounds.length, "round")] : []),
    `${count(summary.levels, "level")} with their open links`,
    `${count(summary.responses, "response")} (submitted and unfinished), with every answer and comment`,
    `${count(summary.invitations, "invitation")}, with their email addresses and the record of emails sent`,
    `${count(summary.notes, "note")} on findings, and every exclusion`,
    ...(withRounds ? [`the assignment of ${count(summary.memberships, "person", "people")} to it (their accounts stay)`] : []),
  ];
}

/** The confirmation: what goes, and the name typed to confirm (an erasure cannot be undone). */
export function ErasureForm({ what, name, items, error }: { what: "round" | "organisation"; name: string; items: string[]; error?: string }) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" className="card">
      <p>
        <strong>This deletes the {what} “{name}” and everything in it, for good:</strong>
      </p>
      <ul className="erasure-list">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <p>
        Every row of it is deleted and SQLite overwrites what it held (the server’s operator can also rebuild the database file with the command line’s{" "}
        <code>--compact</code>, so that no fragment is left). Backups made before keep their copy until you delete them.
      </p>
      <div className={error ? "field field--error" : "field"}>
        <label htmlFor="confirm-name">Type the {what}’s name to confirm</label>
        {error ? (
          <p className="field__error" id="confirm-name-error">
            <span aria-hidden="true">⚠ </span>
            {error}
          </p>
        ) : null}
        <input id="confirm-name" name="confirm" autoComplete="off" required aria-invalid={error ? true : undefined} aria-describedby={error ? "confirm-name-error" : undefined} />
      </div>
      <button type="submit" className="button button--danger" disabled={busy}>
        Delete the {what} permanently
      </button>
    </Form>
  );
}

/** After an erasure: what went, as counts (a name in the address could be made to say anything). */
export function ErasedNotice() {
  const [params] = useSearchParams();
  const what = params.get("erased");
  if (what !== "round" && what !== "organisation") return null;
  const n = (name: string) => Math.max(0, Math.floor(Number(params.get(name)) || 0));
  const rounds = what === "organisation" ? `${count(n("rounds"), "round")}, ` : "";
  return (
    <p className="flash" role="status">
      The {what} was deleted with {rounds}
      {count(n("responses"), "response")} and {count(n("invitations"), "invitation")}.
    </p>
  );
}

/** The counts the notice shows, for the redirect after an erasure. */
export const erasedQuery = (what: "round" | "organisation", summary: ErasureSummary) =>
  new URLSearchParams({ erased: what, rounds: String(summary.rounds.length), responses: String(summary.responses), invitations: String(summary.invitations) }).toString();
