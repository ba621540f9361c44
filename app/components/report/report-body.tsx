import type { FullReport } from "~/models/reports.server";
import { TableScroll } from "../table-scroll";
import { Breakdowns } from "./breakdowns";
import { CustomersSection } from "./customers-section";
import { DataQuality } from "./data-quality";
import { plural } from "~/utils/format";
import { FindingsList } from "./findings-list";
import { DistanceMatrix, GapHeatmap } from "./gap-heatmap";
import { LevelProfile } from "./level-profile";
import { ModelLegend, StoryChart, StoryTable, storyHeadline } from "./story-chart";

interface ReportBodyProps {
  report: FullReport;
  openLinkSubmissions: number;
  canAnnotate: boolean;
  print?: boolean;
}

/** The report's sections, shared by the page and the print view. */
export function ReportBody({ report, openLinkSubmissions, canAnnotate, print = false }: ReportBodyProps) {
  const { levels, models, trend } = report;
  const reportable = levels.filter((l) => l.reportable);
  const suppressed = levels.filter((l) => !l.reportable);
  const total = levels.reduce((sum, l) => sum + l.responses, 0);
  // The strongest firm finding of each pattern first, so the summary shows different kinds of gap.
  const firm = report.findings.filter((f) => !f.tentative);
  const headlines = [...firm.filter((f, i) => firm.findIndex((g) => g.pattern === f.pattern) === i), ...firm].filter((f, i, all) => all.indexOf(f) === i).slice(0, 3);
  return (
    <>
      <section className="report-section" aria-labelledby="summary">
        <h2 id="summary">Summary</h2>
        <div className="report-summary">
          <div>
            <h3>Participation</h3>
            <TableScroll label="Responses per level">
            <table className="data">
              <caption className="visually-hidden">Responses per level</caption>
              <thead>
                <tr>
                  <th scope="col">Level</th>
                  <th scope="col" className="num">Responses</th>
                  <th scope="col">Reported</th>
                </tr>
              </thead>
              <tbody>
                {levels.map((level) => (
                  <tr key={level.id}>
                    <th scope="row">{level.label}</th>
                    <td className="num">{level.responses}</td>
                    <td>
                      {level.reportable
                        ? level.release.pending > 0
                          ? `Yes: ${level.release.included} in the figures, next update after ${level.release.nextUpdateIn} more`
                          : "Yes"
                        : `Not enough responses to report (needs ${level.responsesNeeded} more)`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            </TableScroll>
            <p className="hint">
              {plural(total, "response")}. Levels are reported from {report.minGroupSize} responses; a smaller level is shown by its count only and takes part in no
              finding.
              {openLinkSubmissions > 0
                ? ` ${openLinkSubmissions} response${openLinkSubmissions === 1 ? "" : "s"} came through open links, which allow one response per browser: they do not stop a determined person from answering twice.`
                : ""}
            </p>
          </div>
          <div>
            <h3>What stands out</h3>
            {headlines.length > 0 ? (
              <ol className="headlines">
                {headlines.map((finding) => (
                  <li key={finding.key}>{finding.summary}</li>
                ))}
              </ol>
            ) : (
              <p>{report.findings.length > 0 ? "Only tentative findings so far: see the list below." : "No gap pattern fires."}</p>
            )}
          </div>
        </div>
        <figure className="report-figure">
          <figcaption>
            <h3>{storyHeadline(report)}</h3>
          </figcaption>
          <ModelLegend models={models} />
          <StoryChart report={report} />
          <StoryTable report={report} />
        </figure>
        {report.notes.length > 0 ? (
          <div className="notice" role="note">
            <h3>What cannot be computed yet</h3>
            <ul>
              {report.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      <section className="report-section" aria-labelledby="findings">
        <h2 id="findings">Findings ({report.findings.length})</h2>
        <p className="hint">
          Ranked by size, firm before tentative. Sizes are in percentage points with 95% bootstrap intervals ({report.resamples.toLocaleString("en-GB")} resamples
          of respondents within each level).
        </p>
        <FindingsList findings={report.findings} levels={levels} models={models} trend={trend} canAnnotate={canAnnotate && !print} print={print} />
        {trend && trend.resolved.length > 0 ? (
          <>
            <h3>No longer found since {trend.previousRound.name}</h3>
            <ul>
              {trend.resolved.map((finding) => (
                <li key={finding.key}>{finding.summary}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="report-section" aria-labelledby="levels">
        <h2 id="levels">Level by level</h2>
        {trend ? <p className="hint">Changes are shown against {trend.previousRound.name}, for levels reported in both rounds.</p> : null}
        {reportable.map((level) => (
          <LevelProfile key={level.id} report={report} level={level} trend={trend?.levels.find((t) => t.id === level.id)} previousRound={trend?.previousRound.name} print={print} />
        ))}
        {suppressed.map((level) => (
          <p key={level.id}>
            <strong>{level.label}:</strong> {level.responses} response{level.responses === 1 ? "" : "s"}, not enough responses to report ({level.responsesNeeded} more
            needed).
          </p>
        ))}
      </section>

      <CustomersSection report={report} />

      <section className="report-section" aria-labelledby="gaps">
        <h2 id="gaps">Where saying and doing part</h2>
        <GapHeatmap report={report} />
        <h3>How far apart the levels are</h3>
        <p className="hint">Distance between two levels’ profiles in percentage points: 0 is the same mix, 100 nothing in common.</p>
        <div className="grid-2">
          <DistanceMatrix title="What they allocate (explicit)" ids={report.distances.levels} values={report.distances.explicit} levels={levels} />
          <DistanceMatrix title="What they do (implicit)" ids={report.distances.levels} values={report.distances.implicit} levels={levels} />
        </div>
      </section>

      <section className="report-section" aria-labelledby="breakdowns">
        <h2 id="breakdowns">By function and time with the organisation</h2>
        <Breakdowns report={report} />
      </section>

      <section className="report-section" aria-labelledby="quality">
        <h2 id="quality">Data quality</h2>
        <DataQuality report={report} />
      </section>
    </>
  );
}
