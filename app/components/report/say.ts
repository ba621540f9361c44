import type { Report, ReportLevel } from "~/domain/report/report";

/**
 * What a level "says" in the say-do comparison: its belief statements in version 2 (on the practice
 * statements' metric), its allocation in version 1.
 */
export function sayProfile(report: Pick<Report, "instrument">, level: ReportLevel): Record<string, number> | null {
  return report.instrument.sayProfile === "said" ? level.said : level.explicit;
}

export function sayLabel(report: Pick<Report, "instrument">): string {
  return report.instrument.sayProfile === "said" ? "Says (beliefs)" : "Says (allocation)";
}
