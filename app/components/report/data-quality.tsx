import type { Report } from "~/domain/report/report";
import { ALPHA_FLAG, ITEM_TOTAL_FLAG } from "~/domain/report/data-quality";
import { TableScroll } from "../table-scroll";
import { shortLabel } from "./models";

const two = (value: number | null) => (value === null ? "–" : value.toFixed(2));

/** How the answers were given (response style per level) and how well each model's statements hang together. */
export function DataQuality({ report }: { report: Report }) {
  const { dataQuality, levels, models } = report;
  const label = (id: string) => levels.find((l) => l.id === id)?.label ?? id;
  const modelLabel = (id: string) => shortLabel(models.find((m) => m.id === id)?.label ?? id);
  const flagged = dataQuality.scales.filter((s) => s.low || s.items.some((i) => i.low));
  return (
    <>
      <h3>How people answered</h3>
      {dataQuality.levels.length === 0 ? (
        <p className="hint">No level has enough responses to report yet.</p>
      ) : (
        <TableScroll label="Response style per level">
          <table className="data">
            <caption>
              Acquiescent: agreed with statements and their opposites alike (the app takes this lean off before scoring). Straight-lined: gave one answer
              throughout (left out of every statement-based figure).
            </caption>
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col" className="num">Responses in figures</th>
                <th scope="col" className="num">Acquiescent</th>
                <th scope="col" className="num">Straight-lined</th>
              </tr>
            </thead>
            <tbody>
              {dataQuality.levels.map((level) => (
                <tr key={level.id}>
                  <th scope="row">{label(level.id)}</th>
                  <td className="num">{level.responses}</td>
                  <td className="num">{level.acquiescent}</td>
                  <td className="num">{level.straightLined}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h3>How reliable each scale is</h3>
      <p className="hint">
        Cronbach’s alpha of each model’s statements, pooled over the reportable levels; below {ALPHA_FLAG} a scale is flagged, and a statement whose
        correlation with the rest of its scale is below {ITEM_TOTAL_FLAG} is flagged too. {flagged.length === 0 ? "Nothing is flagged." : `${flagged.length} flagged.`}
      </p>
      <TableScroll label="Reliability per scale">
        <table className="data">
          <caption className="visually-hidden">Cronbach’s alpha and corrected item-total correlations per model scale</caption>
          <thead>
            <tr>
              <th scope="col">Scale</th>
              <th scope="col" className="num">Alpha</th>
              <th scope="col">Statements (item-total correlation)</th>
            </tr>
          </thead>
          <tbody>
            {dataQuality.scales.map((scale) => (
              <tr key={`${scale.profile}-${scale.model}`}>
                <th scope="row">
                  {modelLabel(scale.model)}, {scale.profile === "explicit" ? "beliefs" : "practice"}
                </th>
                <td className="num">
                  {two(scale.alpha)}
                  {scale.low ? <strong className="flag"> low</strong> : null}
                </td>
                <td>
                  {scale.items.map((item, i) => (
                    <span key={item.name}>
                      {i > 0 ? ", " : ""}
                      {item.name} {two(item.itemTotal)}
                      {item.low ? <strong className="flag"> low</strong> : null}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
