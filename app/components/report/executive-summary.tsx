import type { Report } from "~/domain/report/report";
import { STRATEGY_PROFILES } from "~/domain/report/strategy";
import { percent, percentRange } from "~/utils/format";
import { TableScroll } from "../table-scroll";
import { findingTitle } from "./findings-list";
import { findingAnchor } from "./headlines";
import { modelColour, shortLabel } from "./models";

/** The report's first words: one to four messages for a board, each with what to do and the findings it rests on. */
export function ExecutiveSummary({ report }: { report: Report }) {
  const tentative = report.findings.filter((f) => f.tentative).length;
  const byKey = new Map(report.findings.map((f) => [f.key, f]));
  return (
    <>
      {report.summary.length === 0 ? (
        <p className="summary-empty">
          <strong>Nothing to summarise yet:</strong>{" "}
          {report.findings.length === 0
            ? "no gap pattern fires, so there is no mismatch to report."
            : "no finding is firm yet, so no message can be drawn from them."}{" "}
          {tentative > 0 ? `${tentative} tentative finding${tentative === 1 ? " is" : "s are"} listed under Findings; they may not hold with more responses.` : ""}
        </p>
      ) : (
        <ol className="messages">
          {report.summary.map((message, i) => (
            <li key={i} className="message">
              <p className="message__text">{message.message}</p>
              <p className="message__do">
                <strong>What to do:</strong> {message.recommendation}
              </p>
              {message.findings.length > 0 ? (
                <p className="message__basis">
                  Rests on {message.findings.length === 1 ? "the finding" : `${message.findings.length} findings`}:{" "}
                  {message.findings.map((key, k) => (
                    <span key={key}>
                      {k > 0 ? "; " : ""}
                      <a href={`#${findingAnchor(key)}`}>{byKey.has(key) ? findingTitle(byKey.get(key)!, report.levels, report.models) : key}</a>
                    </span>
                  ))}
                  .
                </p>
              ) : (
                <p className="message__basis">Rests on the intended mix and the levels’ profiles below.</p>
              )}
            </li>
          ))}
        </ol>
      )}
      {report.summary.length > 0 && tentative > 0 ? (
        <p className="hint">
          Built from the firm findings only; {tentative} tentative finding{tentative === 1 ? " is" : "s are"} listed under Findings.
        </p>
      ) : null}
    </>
  );
}

const PROFILE_NAMES: Record<(typeof STRATEGY_PROFILES)[number], string> = {
  explicit: "Allocates now",
  desired: "Wants",
  said: "Believes",
  implicit: "Does",
};

/** The intended mix and how far each level's profiles are from it. */
export function StrategyComparison({ report }: { report: Report }) {
  const { strategy, models, levels } = report;
  if (!strategy) {
    return <p className="hint">No intended mix is recorded for this round. Record one to see how far each level is from the model the strategy needs.</p>;
  }
  const beliefs = report.instrument.sayProfile === "said";
  const profiles = STRATEGY_PROFILES.filter((p) => beliefs || p !== "said");
  return (
    <>
      <ul className="legend" aria-label="The intended mix">
        {models.map((model, i) => (
          <li key={model.id}>
            <span className="swatch" style={{ background: modelColour(model.id, i) }} aria-hidden="true" /> {shortLabel(model.label)} {percent(strategy[model.id])}
          </li>
        ))}
      </ul>
      <TableScroll label="Distance from the intended mix">
        <table className="data">
          <caption>
            Distance of each level’s profiles from the intended mix, in percentage points (0 is the same mix, 100 nothing in common), with 95% intervals.
          </caption>
          <thead>
            <tr>
              <th scope="col">Level</th>
              {profiles.map((p) => (
                <th scope="col" className="num" key={p}>
                  {PROFILE_NAMES[p]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {levels.map((level) => (
              <tr key={level.id}>
                <th scope="row">{level.label}</th>
                {level.strategyDistance ? (
                  profiles.map((p) => {
                    const d = level.strategyDistance![p];
                    return (
                      <td className="num" key={p}>
                        {d ? `${Math.round(d.distance * 100)} (${percentRange(d.ci).replace("%", "")})` : "withheld"}
                      </td>
                    );
                  })
                ) : (
                  <td colSpan={profiles.length}>Not enough responses to report ({level.responses})</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="hint">
        Allocations (now and wanted) are on the intended mix’s own scale. {beliefs ? "Beliefs and practice" : "Practice"} come from agreement statements, whose
        shares sit close to an even split: compare those columns between levels, not with the allocation’s.
      </p>
    </>
  );
}
