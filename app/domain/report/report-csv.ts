import { toCsv } from "../csv";
import type { Report } from "./report";

const PROFILES = ["explicit", "desired", "implicit"] as const;
const HEADER = [
  "section",
  "round",
  "organisation",
  "level",
  "level_label",
  "responses",
  "reportable",
  "profile",
  "model",
  "value",
  "ci_low",
  "ci_high",
  "pattern",
  "tentative",
  "summary",
  "question",
  "note",
] as const;

type Row = Partial<Record<(typeof HEADER)[number], string | number | boolean | null>>;

/**
 * The report as one tidy CSV, filterable by `section`: `profile` (level x
 * profile x model shares, and intensities), `say_do` (distance with its
 * interval) and `finding`. A level below the minimum group size is one
 * `profile` row with its count and no numbers. Built from the report only,
 * so it obeys the same anonymity rule as the page and the JSON.
 */
export function reportToCsv(report: Report): string {
  const rows: Row[] = [];
  const base = { round: report.round.id, organisation: report.round.organisation };
  for (const level of report.levels) {
    const who = { ...base, level: level.id, level_label: level.label, responses: level.responses, reportable: level.reportable };
    if (!level.reportable) {
      rows.push({ section: "profile", ...who });
      continue;
    }
    for (const profile of PROFILES) {
      const shares = level[profile];
      if (shares) for (const model of report.models) rows.push({ section: "profile", ...who, profile, model: model.id, value: shares[model.id] ?? 0 });
    }
    if (level.intensities) {
      for (const model of report.models) rows.push({ section: "profile", ...who, profile: "intensity", model: model.id, value: level.intensities[model.id] ?? 0 });
    }
    if (level.sayDo) rows.push({ section: "say_do", ...who, value: level.sayDo.distance, ci_low: level.sayDo.ci[0], ci_high: level.sayDo.ci[1] });
  }
  for (const finding of report.findings) {
    rows.push({
      section: "finding",
      ...base,
      level: finding.levels.join("+"),
      model: finding.model,
      value: finding.size,
      ci_low: finding.ci[0],
      ci_high: finding.ci[1],
      pattern: finding.pattern,
      tentative: finding.tentative,
      summary: finding.summary,
      question: finding.question,
      note: finding.note,
    });
  }
  return toCsv(
    HEADER,
    rows.map((row) => HEADER.map((column) => row[column] ?? null)),
  );
}
