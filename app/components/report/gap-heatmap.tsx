import type { ReportLevel } from "~/domain/report/report";
import { signedPoints } from "~/utils/format";
import { shortLabel, type ModelInfo } from "./models";

/**
 * A diverging blue-orange scale (readable with the common colour-vision
 * deficiencies), always with the number in the cell and its sign.
 */
export function gapColour(gap: number): string {
  const strength = Math.min(1, Math.abs(gap) / 0.35);
  const [r, g, b] = gap >= 0 ? [230, 159, 0] : [0, 114, 178];
  const mix = (c: number) => Math.round(255 + (c - 255) * strength * 0.85);
  return `rgb(${mix(r)}, ${mix(g)}, ${mix(b)})`;
}


export function GapHeatmap({ levels, models }: { levels: ReportLevel[]; models: ModelInfo[] }) {
  const rows = levels.filter((l) => l.reportable && l.explicit && l.implicit);
  if (rows.length === 0) return <p className="hint">No level has both profiles to compare yet.</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Implicit minus explicit, per level and model">
      <table className="data heatmap">
        <caption>Implicit minus explicit, in percentage points: positive (orange) is done more than said, negative (blue) is said more than done</caption>
        <thead>
          <tr>
            <th scope="col">Level</th>
            {models.map((model) => (
              <th scope="col" className="num" key={model.id}>
                {shortLabel(model.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((level) => (
            <tr key={level.id}>
              <th scope="row">{level.label}</th>
              {models.map((model) => {
                const gap = level.implicit![model.id]! - level.explicit![model.id]!;
                return (
                  <td key={model.id} className="num heatmap__cell" style={{ background: gapColour(gap) }}>
                    {signedPoints(gap)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Total variation distance between every pair of reportable levels (0 = same mix, 100 = nothing in common). */
export function DistanceMatrix({ title, ids, values, levels }: { title: string; ids: string[]; values: (number | null)[][]; levels: ReportLevel[] }) {
  const label = (id: string) => levels.find((l) => l.id === id)?.label ?? id;
  if (ids.length < 2) return null;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={title}>
      <table className="data heatmap">
        <caption>{title}</caption>
        <thead>
          <tr>
            <td />
            {ids.map((id) => (
              <th scope="col" className="num" key={id}>
                {label(id)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ids.map((row, i) => (
            <tr key={row}>
              <th scope="row">{label(row)}</th>
              {ids.map((column, j) => {
                const value = values[i]![j] ?? null;
                return (
                  <td key={column} className="num heatmap__cell" style={{ background: value === null || i === j ? undefined : gapColour(value) }}>
                    {i === j ? "·" : value === null ? "–" : Math.round(value * 100)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
