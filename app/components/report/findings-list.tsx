import { useFetcher } from "@remix-run/react";
import { PATTERN_TEXT } from "~/domain/report/pattern-text";
import type { ReportFinding, ReportLevel } from "~/domain/report/report";
import type { Trend } from "~/domain/report/trend";
import { CUSTOMERS_LABEL, CUSTOMERS_LEVEL_ID } from "~/domain/rounds/customers-level";
import { EvidenceTable } from "./evidence-table";
import { shortLabel, type ModelInfo } from "./models";

const points = (share: number) => Math.round(share * 100);

function NoteEditor({ finding, canAnnotate }: { finding: ReportFinding; canAnnotate: boolean }) {
  const fetcher = useFetcher<{ saved?: boolean; error?: string }>();
  const id = `note-${finding.key.replace(/[^\w-]/g, "_")}`;
  if (!canAnnotate) return finding.note ? <p className="finding__note"><strong>Note:</strong> {finding.note}</p> : null;
  const saving = fetcher.state !== "idle";
  return (
    <fetcher.Form method="post" className="finding__note-form">
      <input type="hidden" name="intent" value="note" />
      <input type="hidden" name="findingKey" value={finding.key} />
      <div className="field">
        <label htmlFor={id}>Your note on this finding</label>
        <p className="field__hint" id={`${id}-hint`}>
          Shown with the finding in the report, its print view and its exports. Leave empty to remove it.
        </p>
        <textarea id={id} name="note" defaultValue={finding.note ?? ""} maxLength={2000} rows={3} aria-describedby={`${id}-hint`} />
      </div>
      <button type="submit" className="button button--small" disabled={saving}>
        {saving ? "Saving…" : "Save note"}
      </button>{" "}
      <span role="status" aria-live="polite" className={fetcher.data?.error ? "field__error" : "copy__status"}>
        {saving ? "" : fetcher.data?.error ?? (fetcher.data?.saved ? "Note saved" : "")}
      </span>
    </fetcher.Form>
  );
}

export function FindingsList({
  findings,
  levels,
  models,
  trend,
  canAnnotate,
  print = false,
}: {
  findings: ReportFinding[];
  levels: ReportLevel[];
  models: ModelInfo[];
  trend: Trend | null;
  canAnnotate: boolean;
  /** Printing: everything open, notes as text. */
  print?: boolean;
}) {
  const levelLabel = (id: string) => levels.find((l) => l.id === id)?.label ?? (id === CUSTOMERS_LEVEL_ID ? CUSTOMERS_LABEL : id);
  const modelLabel = (id: string | null) => (id ? shortLabel(models.find((m) => m.id === id)?.label ?? id) : null);
  if (findings.length === 0) {
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
  return (
    <ol className="findings">
      {findings.map((finding) => {
        const text = PATTERN_TEXT[finding.pattern];
        const history = trend?.findings[finding.key];
        return (
          <li key={finding.key} className={finding.tentative ? "finding finding--tentative" : "finding"}>
            <article aria-labelledby={`title-${finding.key}`}>
              <h3 id={`title-${finding.key}`} className="finding__title">
                {text.name}: {finding.levels.map(levelLabel).join(" and ")}
                {finding.model ? `, ${modelLabel(finding.model)}` : ""}
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
              {print ? (
                <>
                  <p>{finding.why}</p>
                  <EvidenceTable evidence={finding.evidence} title={text.name} />
                  <NoteEditor finding={finding} canAnnotate={false} />
                </>
              ) : (
                <details className="finding__more" open={Boolean(finding.note)}>
                  <summary>Why it matters, the evidence{canAnnotate ? ", and your note" : finding.note ? ", and the note" : ""}</summary>
                  <p>{finding.why}</p>
                  <EvidenceTable evidence={finding.evidence} title={text.name} />
                  <NoteEditor finding={finding} canAnnotate={canAnnotate} />
                </details>
              )}
            </article>
          </li>
        );
      })}
    </ol>
  );
}
