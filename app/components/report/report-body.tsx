import type { Report } from "~/domain/report/report";
import type { FullReport } from "~/models/reports.server";
import { TableScroll } from "../table-scroll";
import { Breakdowns } from "./breakdowns";
import { CustomersSection } from "./customers-section";
import { DataQuality } from "./data-quality";
import { ExecutiveSummary, StrategyComparison } from "./executive-summary";
import { FindingCard, LazyBody, NoFindings, ResolvedFindings } from "./findings-list";
import { DistanceMatrix, GapHeatmap } from "./gap-heatmap";
import { findingAnchor } from "./headlines";
import { lazyPart } from "./island";
import { LevelProfile } from "./level-profile";
import { ModelLegend, StoryChart, StoryTable, storyHeadline } from "./story-chart";
import { StrategyForm } from "./strategy-form";
import { plural } from "~/utils/format";

/**
 * The report's parts, each pure (no hooks, no data of their own), so the page can render them once per
 * report version into static HTML, and the print view can render them directly.
 */

/** The executive summary and the intended mix, under one heading (they share the first printed page); the page adds the form to record the mix. */
export function SummaryPart({ report, strategyForm = false }: { report: Report; strategyForm?: boolean }) {
  const strategy = report.strategy ? Object.fromEntries(report.models.map((m) => [m.id, String(Math.round((report.strategy![m.id] ?? 0) * 100))])) : {};
  return (
    <>
      <h2 id="summary">Executive summary</h2>
      <ExecutiveSummary report={report} />
      <h3 id="strategy">Against the intended mix</h3>
      <StrategyComparison report={report} />
      {strategyForm ? <StrategyForm roundId={report.round.id} models={report.models} values={{ mix: strategy, recorded: report.strategy !== null }} /> : null}
    </>
  );
}

/** Participation, the say-do chart with its table, and what cannot be computed. */
export function OverviewPart({ report, openLinkSubmissions }: { report: Report; openLinkSubmissions: number }) {
  const { levels, models } = report;
  const total = levels.reduce((sum, l) => sum + l.responses, 0);
  return (
    <>
      <h2 id="overview">Who answered, and what they say and do</h2>
      <TableScroll label="Responses per level">
        <table className="data">
          <caption className="visually-hidden">Responses per level</caption>
          <thead>
            <tr>
              <th scope="col">Level</th>
              <th scope="col" className="num">
                Responses
              </th>
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
        {plural(total, "response")}. Levels are reported from {report.minGroupSize} responses; a smaller level is shown by its count only and takes part in no finding.
        {openLinkSubmissions > 0
          ? ` ${openLinkSubmissions} response${openLinkSubmissions === 1 ? "" : "s"} came through open links, which allow one response per browser: they do not stop a determined person from answering twice.`
          : ""}
      </p>
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
    </>
  );
}

export function FindingsIntro({ report }: { report: Report }) {
  return (
    <>
      <h2 id="findings">Findings ({report.findings.length})</h2>
      {report.findings.length === 0 ? (
        <NoFindings levels={report.levels} />
      ) : (
        <p className="hint">
          Ranked by size, firm before tentative. Sizes are in percentage points with 95% bootstrap intervals ({report.resamples.toLocaleString("en-GB")} resamples
          of respondents within each level).
        </p>
      )}
    </>
  );
}

/** Level by level, where saying and doing part, the breakdowns and the data quality. */
export function DetailParts({ report, print = false }: { report: FullReport; print?: boolean }) {
  const { levels, trend } = report;
  return (
    <>
      <section className="report-section" aria-labelledby="levels">
        <h2 id="levels">Level by level</h2>
        {trend ? <p className="hint">Changes are shown against {trend.previousRound.name}, for levels reported in both rounds.</p> : null}
        {levels
          .filter((l) => l.reportable)
          .map((level) => (
            <LevelProfile key={level.id} report={report} level={level} trend={trend?.levels.find((t) => t.id === level.id)} previousRound={trend?.previousRound.name} print={print} />
          ))}
        {levels
          .filter((l) => !l.reportable)
          .map((level) => (
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
        {print ? (
          <Breakdowns report={report} />
        ) : (
          <details className="appendix" data-lazy={lazyPart.breakdowns}>
            <summary>Show each level by function and by time with the organisation</summary>
            <LazyBody printHref={`/rounds/${report.round.id}/report/print#breakdowns`} />
          </details>
        )}
      </section>
      <section className="report-section" aria-labelledby="quality">
        <h2 id="quality">Data quality</h2>
        {print ? (
          <DataQuality report={report} />
        ) : (
          <details className="appendix" data-lazy={lazyPart.dataQuality}>
            <summary>Show how people answered and how reliable each scale is</summary>
            <LazyBody printHref={`/rounds/${report.round.id}/report/print#quality`} />
          </details>
        )}
      </section>
    </>
  );
}

/** The whole report, rendered directly: the print view. */
export function ReportBody({ report, openLinkSubmissions }: { report: FullReport; openLinkSubmissions: number }) {
  return (
    <>
      <section className="report-section" aria-labelledby="summary">
        <SummaryPart report={report} />
      </section>
      <section className="report-section" aria-labelledby="overview">
        <OverviewPart report={report} openLinkSubmissions={openLinkSubmissions} />
      </section>
      <section className="report-section" aria-labelledby="findings">
        <FindingsIntro report={report} />
        <ol className="findings">
          {report.findings.map((finding) => (
            <li key={finding.key} id={findingAnchor(finding.key)} className={finding.tentative ? "finding finding--tentative" : "finding"}>
              <FindingCard roundId={report.round.id} finding={finding} levels={report.levels} models={report.models} trend={report.trend} showNote print />
            </li>
          ))}
        </ol>
        <ResolvedFindings trend={report.trend} />
      </section>
      <DetailParts report={report} print />
    </>
  );
}
