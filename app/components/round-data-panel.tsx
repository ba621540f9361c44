import { Link } from "@remix-run/react";

/** The round's data: what is left out of the report, and (for admins) erasing the round. */
export function RoundDataPanel({ roundId, excluded, canErase }: { roundId: string; excluded: number; canErase: boolean }) {
  return (
    <section aria-labelledby="round-data">
      <h2 id="round-data">Data</h2>
      <p>
        {excluded === 0 ? "No responses are excluded from the report." : `${excluded} response${excluded === 1 ? " is" : "s are"} excluded from the report.`}{" "}
        <Link to={`/rounds/${roundId}/exclusions`}>Arrivals over time, and excluding a burst of responses</Link>
      </p>
      {canErase ? (
        <p>
          <Link to={`/rounds/${roundId}/delete`} className="button button--secondary button--small">
            Delete this round…
          </Link>
        </p>
      ) : null}
    </section>
  );
}
