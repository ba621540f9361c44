import type { Report } from "~/domain/report/report";
import { percent, percentRange } from "~/utils/format";
import { TableScroll } from "../table-scroll";
import { topOf } from "./headlines";
import { modelColour, shortLabel, textOnModelColour, type ModelInfo } from "./models";
import { sayProfile } from "./say";

export { storyHeadline } from "./headlines";

/**
 * A segment narrower than this share shows no number inside it: at a phone's narrowest bar (about 300 px)
 * 12% is 36 px, room for "100%" at the chart's size. The table beside the chart has every number.
 */
export const BAR_LABEL_FROM = 0.12;

/**
 * What each level says it runs next to what its practice enacts, as 100% bars drawn in HTML on the server:
 * widths are percentages of the row, so a bar always ends inside the page (print, phone, desktop), and each
 * number sits inside its own segment, so numbers never run into one another.
 */
export function StoryChart({ report }: { report: Report }) {
  const { levels, models } = report;
  const rows = levels
    .filter((l) => l.reportable && sayProfile(report, l))
    .flatMap((level) => [
      { key: `${level.id}-says`, name: `${level.label}: says`, profile: sayProfile(report, level)! },
      ...(level.implicit ? [{ key: `${level.id}-does`, name: `${level.label}: does`, profile: level.implicit }] : []),
    ]);
  if (rows.length === 0) return <p className="hint">No level has enough responses to draw yet.</p>;
  return (
    <div className="bars chart" role="img" aria-label="Bar chart of what each level says and what its practice does; the table below has the same numbers.">
      {rows.map((row) => (
        <div className="bars__row" key={row.key}>
          <div className="bars__label">{row.name}</div>
          <div className="bars__track">
            {models.map((model, i) => {
              const share = row.profile[model.id] ?? 0;
              if (share <= 0) return null;
              return (
                <span
                  key={model.id}
                  className="bars__segment"
                  style={{ width: `${(share * 100).toFixed(3)}%`, background: modelColour(model.id, i), color: textOnModelColour(model.id, i) }}
                  title={`${shortLabel(model.label)} ${percent(share)}`}
                >
                  {share >= BAR_LABEL_FROM ? <span className="bars__value">{percent(share)}</span> : null}
                </span>
              );
            })}
          </div>
        </div>
      ))}
    </div>
  );
}

export function ModelLegend({ models }: { models: ModelInfo[] }) {
  return (
    <ul className="legend" aria-label="Model colours">
      {models.map((model, i) => (
        <li key={model.id}>
          <span className="swatch" style={{ background: modelColour(model.id, i) }} aria-hidden="true" /> {model.label}
        </li>
      ))}
    </ul>
  );
}

/** The numbers behind the story chart: for each level, its top model said and done, and its say-do distance. */
export function StoryTable({ report }: { report: Report }) {
  const { levels, models } = report;
  return (
    <TableScroll label="Says, does, and how far apart">
      <table className="data">
        <caption>Says, does, and how far apart</caption>
        <thead>
          <tr>
            <th scope="col">Level</th>
            <th scope="col">Says it runs mainly</th>
            <th scope="col">Practice enacts mainly</th>
            <th scope="col">Say-do distance (95% interval)</th>
          </tr>
        </thead>
        <tbody>
          {levels.map((level) => {
            const said = sayProfile(report, level);
            if (!level.reportable || !said) {
              return (
                <tr key={level.id}>
                  <th scope="row">{level.label}</th>
                  <td colSpan={3}>{level.reportable ? "Too few answered the belief statements" : `Not enough responses to report (${level.responses})`}</td>
                </tr>
              );
            }
            const says = topOf(said, models);
            const does = level.implicit ? topOf(level.implicit, models) : null;
            return (
              <tr key={level.id}>
                <th scope="row">{level.label}</th>
                <td>
                  {shortLabel(says.label)} {percent(said[says.id])}
                </td>
                <td>{does ? `${shortLabel(does.label)} ${percent(level.implicit![does.id])}` : "no implicit profile"}</td>
                <td>{level.sayDo ? `${percent(level.sayDo.distance).replace("%", " points")} (${percentRange(level.sayDo.ci)})` : "–"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
