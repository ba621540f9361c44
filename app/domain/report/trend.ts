import { difference, type Profile } from "../statistics/profiles";
import type { Report, ReportFinding } from "./report";

export interface LevelTrend {
  id: string;
  label: string;
  /** Change since the previous round, in share (0.05 = 5 points); only for levels reportable in both rounds. */
  explicit: Profile;
  desired: Profile;
  implicit: Profile | null;
  sayDo: number | null;
}

export interface FindingTrend {
  /** The same finding's size in the previous round; null when it is new. */
  previousSize: number | null;
  previousTentative: boolean | null;
}

export interface Trend {
  previousRound: { id: string; name: string };
  levels: LevelTrend[];
  findings: Record<string, FindingTrend>;
  /** Findings of the previous round that no longer fire. */
  resolved: Pick<ReportFinding, "key" | "pattern" | "levels" | "model" | "size" | "summary">[];
}

/** What changed since the predecessor round, per level and per finding. Both reports already obey the anonymity rule. */
export function compareReports(current: Report, previous: Report): Trend {
  const ids = current.models.map((m) => m.id);
  const levels: LevelTrend[] = [];
  for (const level of current.levels) {
    const before = previous.levels.find((l) => l.id === level.id);
    if (!level.reportable || !before?.reportable) continue;
    levels.push({
      id: level.id,
      label: level.label,
      explicit: difference(level.explicit!, before.explicit!, ids),
      desired: difference(level.desired!, before.desired!, ids),
      implicit: level.implicit && before.implicit ? difference(level.implicit, before.implicit, ids) : null,
      sayDo: level.sayDo && before.sayDo ? level.sayDo.distance - before.sayDo.distance : null,
    });
  }
  const previousByKey = new Map(previous.findings.map((f) => [f.key, f]));
  const findings: Record<string, FindingTrend> = {};
  for (const finding of current.findings) {
    const before = previousByKey.get(finding.key);
    findings[finding.key] = { previousSize: before?.size ?? null, previousTentative: before?.tentative ?? null };
  }
  const currentKeys = new Set(current.findings.map((f) => f.key));
  const resolved = previous.findings
    .filter((f) => !currentKeys.has(f.key))
    .map(({ key, pattern, levels, model, size, summary }) => ({ key, pattern, levels, model, size, summary }));
  return { previousRound: { id: previous.round.id, name: previous.round.name }, levels, findings, resolved };
}
