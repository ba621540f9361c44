import { toCsv } from "./csv";
import type { Report } from "./report";

const PROFILES = ["explicit", "desired", "implicit"] as const;

/** Long format: one row per level x profile x model. A level below the minimum group size is one row with no numbers. */
export function reportToCsv(report: Report): string {
  const header = ["round", "organisation", "level", "level_label", "responses", "reportable", "profile", "model", "share"];
  const rows: (string | number | boolean | null)[][] = [];
  for (const level of report.levels) {
    const base = [report.round.id, report.round.organisation, level.id, level.label, level.responses, level.reportable];
    if (!level.reportable) {
      rows.push([...base, null, null, null]);
      continue;
    }
    for (const profile of PROFILES) {
      const shares = level[profile];
      if (!shares) continue;
      for (const model of report.models) rows.push([...base, profile, model.id, shares[model.id] ?? 0]);
    }
  }
  return toCsv(header, rows);
}
