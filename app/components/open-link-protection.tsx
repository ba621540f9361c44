import { Form } from "@remix-run/react";
import { formatDay, formatTime, plural } from "~/utils/format";

export interface OpenLinkProtectionData {
  bursts: { levelId: number; level: string; from: number; to: number; refused: number }[];
  held: { levelId: number; level: string; count: number }[];
}

const MINUTE_MS = 60_000;

/**
 * Refused bursts on the round's open links, and the responses held out of the
 * report because they arrived from an address just before it was refused.
 * Counts and times only: no address is kept, and nothing says who answered.
 */
export function OpenLinkProtection({ roundId, data, released }: { roundId: string; data: OpenLinkProtectionData; released: number | null }) {
  if (data.bursts.length === 0 && data.held.length === 0 && released === null) return null;
  const countedIn = released !== null && Number.isFinite(released) ? Math.max(0, Math.trunc(released)) : null;
  return (
    <section aria-labelledby="open-link-protection-title" id="open-link-protection">
      <h2 id="open-link-protection-title">Requests refused on open links</h2>
      {countedIn !== null ? (
        <p className="flash" role="status">
          {plural(countedIn, "held response")} counted in: {countedIn === 1 ? "it counts" : "they count"} in the report now.
        </p>
      ) : null}
      {data.bursts.length > 0 ? (
        <>
          <p className="hint">
            The open links turn away requests that arrive faster than a room of people answers, which is what a script filling in the survey does.
          </p>
          <ul>
            {data.bursts.map((burst) => (
              <li key={`${burst.levelId}-${burst.from}-${burst.to}`}>
                <strong>{burst.level}:</strong> {plural(burst.refused, "request")} refused from one address between {formatTime(burst.from)} and{" "}
                {formatTime(burst.to + MINUTE_MS)} UTC on {formatDay(new Date(burst.from).toISOString())}.
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {data.held.map((held) => (
        <div className="card" key={held.levelId}>
          <p>
            <strong>{held.level}:</strong> {plural(held.count, "response")} arrived from an address just before it was refused, and{" "}
            {held.count === 1 ? "is" : "are"} held out of the report. Count {held.count === 1 ? "it" : "them"} in only if you know they came from real
            people, for example a room answering together on one network.
          </p>
          <Form method="post" action={`/rounds/${roundId}/held-responses`}>
            <input type="hidden" name="levelId" value={held.levelId} />
            <button type="submit" className="button button--secondary">
              Count {plural(held.count, "held response")} in
            </button>
          </Form>
        </div>
      ))}
    </section>
  );
}
