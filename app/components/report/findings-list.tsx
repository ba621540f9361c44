import { PATTERN_TEXT } from "~/domain/report/pattern-text";
import type { ReportFinding, ReportLevel } from "~/domain/report/report";
import type { Trend } from "~/domain/report/trend";
import { CUSTOMERS_LABEL, CUSTOMERS_LEVEL_ID } from "~/domain/rounds/customers-level";
import { EvidenceTable } from "./evidence-table";
import { findingAnchor } from "./headlines";
import { lazyPart } from "./island";
import { shortLabel, type ModelInfo } from "./models";

const points = (share: number) => Math.round(share * 100);

/** "Said, not done: Middle managers, relationship marketing": how a finding is named on the page, in notes and in slides. */
export function findingTitle(finding: Pick<ReportFinding, "pattern" | "levels" | "model">, levels: readonly Pick<ReportLevel, "id" | "label">[], models: readonly ModelInfo[]): string {
  const levelLabel = (id: string) => levels.find((l) => l.id === id)?.label ?? (id === CUSTOMERS_LEVEL_ID ? CUSTOMERS_LABEL : id);
  const model = finding.model ? shortLabel(models.find((m) => m.id === finding.model)?.label ?? finding.model) : null;
  return `${PATTERN_TEXT[finding.pattern]?.name ?? finding.pattern}: ${finding.levels.map(levelLabel).join(" and ")}${model ? `, ${model}` : ""}`;
}

/** What the page says when no pattern fires. */
export function NoFindings({ levels }: { levels: ReportLevel[] }) {
  const reportable = levels.filter((l) => l.reportable).length;
  return (
    <div className="empty">
      {reportable === 0 ? (
        <p>
          <strong>No findings yet.</strong> No level has enough responses to report, so nothing can be compared.
        </p>
      ) : (
        <p>
          <strong>No gap pattern fires</strong> among the {reportable === 1 ? "one level" : `${reportable} levels`} that can be reported
          {reportable < levels.length ? ` (${levels.length - reportable} more ${levels.length - reportable === 1 ? "is" : "are"} still below the minimum group)` : ""}: within
          the thresholds, what they say and what they do match{reportable > 1 ? ", and they agree with one another" : ""}. See below for anything that cannot be
          computed yet.
        </p>
      )}
    </div>
  );
}

/** Why a finding matters and the statements behind it: shown open in print, loaded on opening on the page. */
export function FindingDetails({ finding }: { finding: ReportFinding }) {
  const text = PATTERN_TEXT[finding.pattern];
  return (
    <>
      <p>{text?.why ?? finding.why}</p>
      <EvidenceTable evidence={finding.evidence} title={text?.name ?? finding.pattern} />
    </>
  );
}

/** What a closed, lazily loaded details holds until it is opened (and all it ever holds without JavaScript). */
export function LazyBody({ printHref }: { printHref: string }) {
  return (
    <div className="lazy-body">
      <p className="hint">
        Loading… (without JavaScript, the <a href={printHref}>print view</a> shows this in full).
      </p>
    </div>
  );
}

/**
 * One finding as a card: what it says, how large and how sure, the question to ask, and (collapsed on the
 * page, open in print) why it matters and the statements behind it. Pure: rendered once per report version.
 */
export function FindingCard({
  roundId,
  finding,
  levels,
  models,
  trend,
  showNote,
  print = false,
}: {
  roundId: string;
  finding: ReportFinding;
  levels: ReportLevel[];
  models: ModelInfo[];
  trend: Trend | null;
  /** Show the note as text (readers who cannot edit it, and print). */
  showNote: boolean;
  print?: boolean;
}) {
  const text = PATTERN_TEXT[finding.pattern];
  const history = trend?.findings[finding.key];
  const anchor = findingAnchor(finding.key);
  return (
    <article aria-labelledby={`${anchor}-title`}>
      <div className="finding__head">
        <h3 id={`${anchor}-title`} className="finding__title">
          {findingTitle(finding, levels, models)}
          {finding.tentative ? <span className="badge badge--tentative">Tentative</span> : <span className="badge badge--firm">Firm</span>}
        </h3>
        <p className="finding__summary">{finding.summary}</p>
        <p className="finding__size">
          Size {points(finding.size)} points (95% interval {points(finding.ci[0])}–{points(finding.ci[1])}). {finding.basis}
          {history ? (history.previousSize === null ? ` New since ${trend!.previousRound.name}.` : ` ${points(history.previousSize)} points in ${trend!.previousRound.name}.`) : ""}
        </p>
        <p className="finding__ask">
          <strong>Ask:</strong> {finding.question}
        </p>
      </div>
      {print ? (
        <FindingDetails finding={finding} />
      ) : (
        <details className="finding__more" data-lazy={lazyPart.findingDetails(finding.key)}>
          <summary>Why it matters, and the evidence</summary>
          <LazyBody printHref={`/rounds/${roundId}/report/print#${anchor}`} />
        </details>
      )}
      {showNote && finding.note ? (
        <p className="finding__note">
          <strong>Note:</strong> {finding.note}
        </p>
      ) : null}
    </article>
  );
}

/** Findings of the previous round that no longer fire. */
export function ResolvedFindings({ trend }: { trend: Trend | null }) {
  if (!trend || trend.resolved.length === 0) return null;
  return (
    <>
      <h3>No longer found since {trend.previousRound.name}</h3>
      <ul>
        {trend.resolved.map((finding) => (
          <li key={finding.key}>{finding.summary}</li>
        ))}
      </ul>
    </>
  );
}
