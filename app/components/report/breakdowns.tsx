import type { Report } from "~/domain/report/report";
import { percent } from "~/utils/format";
import { TableScroll } from "../table-scroll";
import { sayLabel } from "./say";
import { shortLabel } from "./models";

const QUESTION_LABELS: Record<string, string> = { ctx_function: "function", ctx_tenure: "time with the organisation" };

/** Each level cut by function and tenure, where the anonymity rules allow; the top model of each figure. */
export function Breakdowns({ report }: { report: Report }) {
  const { models, levels } = report;
  const label = (id: string) => levels.find((l) => l.id === id)?.label ?? id;
  const top = (profile: Record<string, number> | null) => {
    if (!profile) return "withheld";
    const best = models.reduce((a, b) => ((profile[b.id] ?? 0) > (profile[a.id] ?? 0) ? b : a));
    return `${shortLabel(best.label)} ${percent(profile[best.id])}`;
  };
  const shown = report.breakdowns.filter((b) => b.levels.some((l) => l.cells.length > 0));
  if (shown.length === 0) {
    return <p className="hint">No group within a level is large enough to show on its own, with enough people left beside it: breakdowns stay hidden.</p>;
  }
  return (
    <>
      {shown.map((breakdown) => (
        <TableScroll key={breakdown.question} label={`By ${QUESTION_LABELS[breakdown.question] ?? breakdown.question}`}>
          <table className="data">
            <caption>
              By {QUESTION_LABELS[breakdown.question] ?? breakdown.question}: the leading model of each figure. A group appears only with at least{" "}
              {report.minGroupSize} people, and only when the rest of its level is 0 or at least {report.minGroupSize}.
            </caption>
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col">Group</th>
                <th scope="col" className="num">Responses</th>
                <th scope="col">Allocates now</th>
                {report.instrument.sayProfile === "said" ? <th scope="col">{sayLabel(report)}</th> : null}
                <th scope="col">Does (practice)</th>
              </tr>
            </thead>
            <tbody>
              {breakdown.levels.flatMap((level) =>
                level.cells.map((cell) => (
                  <tr key={`${level.id}-${cell.value}`}>
                    <th scope="row">{label(level.id)}</th>
                    <td>{cell.value}</td>
                    <td className="num">{cell.responses ?? "–"}</td>
                    <td>{top(cell.explicit)}</td>
                    {report.instrument.sayProfile === "said" ? <td>{top(cell.said)}</td> : null}
                    <td>{top(cell.implicit)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </TableScroll>
      ))}
    </>
  );
}
