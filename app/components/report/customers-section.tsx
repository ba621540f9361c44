import type { Report } from "~/domain/report/report";
import { topModel } from "~/domain/statistics/profiles";
import { percent, plural } from "~/utils/format";
import { TableScroll } from "../table-scroll";
import { modelColour, shortLabel } from "./models";

/** NPS as the UI shows it: a whole number with its sign ("+12", "−30"). */
export function npsText(value: number): string {
  const rounded = Math.round(value);
  return rounded > 0 ? `+${rounded}` : rounded < 0 ? `−${Math.abs(rounded)}` : "0";
}

/** The customers' headline (page and slides): what they get against what they want. */
export function customersHeadline(report: Report): string {
  const customers = report.customers!;
  const ids = report.models.map((m) => m.id);
  const name = (id: string) => shortLabel(report.models.find((m) => m.id === id)?.label ?? id).toLowerCase();
  if (!customers.experienced || !customers.wanted) return `${customers.label}: what they want from the relationship`;
  const gets = topModel(customers.experienced, ids);
  const wants = topModel(customers.wanted, ids);
  return gets === wants ? `${customers.label} get mainly ${name(gets)}, which is what they want` : `${customers.label} want ${name(wants)} but get mainly ${name(gets)}`;
}

/**
 * Two bars per model, experienced (solid) and wanted (hatched): drawn on the server as plain SVG so it shows in
 * print and without JavaScript; the table beside it holds the same numbers.
 */
function ProfileBars({ report }: { report: Report }) {
  const customers = report.customers!;
  const rowHeight = 34;
  const width = 320;
  const labelWidth = 110;
  const scale = (share: number) => Math.max(0, share) * (width - labelWidth - 40);
  return (
    <svg
      className="customer-bars"
      viewBox={`0 0 ${width} ${report.models.length * rowHeight + 6}`}
      role="img"
      aria-label={`Bar chart of what ${customers.label.toLowerCase()} experience (solid) and want (hatched) per model; the table has the same numbers.`}
    >
      <defs>
        <pattern id="customer-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#1b2430" strokeWidth="3" />
        </pattern>
      </defs>
      {report.models.map((model, i) => {
        const y = i * rowHeight + 4;
        const experienced = customers.experienced?.[model.id] ?? 0;
        const wanted = customers.wanted?.[model.id] ?? 0;
        return (
          <g key={model.id}>
            <text x={0} y={y + 17} fontSize="12">
              {shortLabel(model.label)}
            </text>
            <rect x={labelWidth} y={y} width={scale(experienced)} height={12} fill={modelColour(model.id, i)} />
            <text x={labelWidth + scale(experienced) + 4} y={y + 10} fontSize="10">
              {percent(experienced)}
            </text>
            <rect x={labelWidth} y={y + 14} width={scale(wanted)} height={12} fill="url(#customer-hatch)" stroke="#1b2430" strokeWidth="1" />
            <text x={labelWidth + scale(wanted) + 4} y={y + 24} fontSize="10">
              {percent(wanted)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The report's customer part: what customers experience and want, and how likely they are to recommend. */
export function CustomersSection({ report }: { report: Report }) {
  const customers = report.customers;
  if (!customers) return null;
  const findings = report.findings.filter((f) => f.levels.includes(customers.id));
  return (
    <section className="report-section" aria-labelledby="customers">
      <h2 id="customers">What customers experience</h2>
      {!customers.reportable ? (
        <p>
          <strong>{customers.label}:</strong> {plural(customers.responses, "response")}, not enough responses to report ({customers.responsesNeeded} more needed).
          No customer figure is shown below {report.minGroupSize} responses.
        </p>
      ) : (
        <>
          <h3>{customersHeadline(report)}</h3>
          <p className="hint">
            {customers.release.pending > 0
              ? `These figures include ${customers.release.included} of ${customers.responses} customer responses; they change when ${customers.release.nextUpdateIn} more arrive, or when the round closes. `
              : `${plural(customers.responses, "customer response")}. `}
            “Experience” comes from statements about dealing with the organisation, on the same scale as staff beliefs; “want” is the 100 points they shared
            across the four approaches.
          </p>
          <div className="level-profile__body">
            {customers.experienced ? <ProfileBars report={report} /> : null}
            <TableScroll label="Customers: experience and want per model">
              <table className="data">
                <caption className="visually-hidden">Customers: experience and want per model</caption>
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col" className="num">Experience</th>
                    <th scope="col" className="num">Want</th>
                    <th scope="col" className="num">Intensity</th>
                  </tr>
                </thead>
                <tbody>
                  {report.models.map((model, i) => (
                    <tr key={model.id}>
                      <th scope="row">
                        <span className="swatch" style={{ background: modelColour(model.id, i) }} aria-hidden="true" /> {shortLabel(model.label)}
                      </th>
                      <td className="num">{percent(customers.experienced?.[model.id])}</td>
                      <td className="num">{percent(customers.wanted?.[model.id])}</td>
                      <td className="num">{customers.intensities ? customers.intensities[model.id]!.toFixed(2) : "–"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </div>
          {customers.nps !== null ? (
            <p>
              <strong>Net Promoter Score: {npsText(customers.nps)}</strong>
              {customers.npsCi ? ` (95% interval ${npsText(customers.npsCi[0])} to ${npsText(customers.npsCi[1])})` : ""}, on a scale from −100 to +100
              {customers.npsGroups
                ? `: ${percent(customers.npsGroups.promoters)} promoters (9–10), ${percent(customers.npsGroups.passives)} passives (7–8), ${percent(customers.npsGroups.detractors)} detractors (0–6).`
                : "."}
            </p>
          ) : null}
          {customers.npsByModel && customers.npsByModel.cells.length > 0 ? (
            <TableScroll label="Net Promoter Score by the model customers experience most">
              <table className="data">
                <caption>Net Promoter Score by the model customers experience most</caption>
                <thead>
                  <tr>
                    <th scope="col">Experience leads with</th>
                    <th scope="col" className="num">Customers</th>
                    <th scope="col" className="num">NPS</th>
                    <th scope="col" className="num">95% interval</th>
                  </tr>
                </thead>
                <tbody>
                  {customers.npsByModel.cells.map((cell) => (
                    <tr key={cell.model}>
                      <th scope="row">{shortLabel(report.models.find((m) => m.id === cell.model)?.label ?? cell.model)}</th>
                      <td className="num">{cell.responses}</td>
                      <td className="num">{npsText(cell.nps)}</td>
                      <td className="num">
                        {npsText(cell.npsCi[0])} to {npsText(cell.npsCi[1])}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : (
            <p className="hint">NPS by the model customers experience most is shown only when each group has at least {report.minGroupSize} customers.</p>
          )}
          {customers.comments && customers.comments.length > 0 ? (
            <>
              <h3>What customers wrote</h3>
              <ul>
                {customers.comments.map((comment, i) => (
                  <li key={i}>{comment}</li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
      {customers.withheld.length > 0 ? (
        <ul className="withheld" aria-label={`Figures withheld for ${customers.label}`}>
          {customers.withheld.map((w) => (
            <li key={w.figure}>{w.reason}</li>
          ))}
        </ul>
      ) : null}
      {customers.reportable ? (
        <p className="hint">
          {findings.length > 0
            ? `${plural(findings.length, "finding")} involving customers (relationship gap, unmet want) ${findings.length === 1 ? "is" : "are"} in the findings list above.`
            : "No customer finding fires: what customers experience matches what the levels say they run and what customers want, within the thresholds."}
        </p>
      ) : null}
    </section>
  );
}
