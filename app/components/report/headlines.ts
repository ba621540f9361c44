import type { Report, ReportLevel } from "~/domain/report/report";
import { topModel, type Profile } from "~/domain/statistics/profiles";
import { shortLabel, type ModelInfo } from "./models";
import { sayProfile } from "./say";

/** A level's top model, decided exactly as the report decides it (ties go to the earlier model). */
export function topOf(profile: Profile, models: readonly ModelInfo[]): ModelInfo {
  const id = topModel(profile, models.map((m) => m.id));
  return models.find((m) => m.id === id)!;
}

const name = (model: ModelInfo) => shortLabel(model.label).toLowerCase();

/** The say-do chart's heading: what it shows, in words (page, print and slides). */
export function storyHeadline(report: Pick<Report, "levels" | "models" | "instrument">): string {
  const { levels, models } = report;
  const reportable = levels.filter((l) => l.reportable && sayProfile(report, l));
  if (reportable.length === 0) return "No level has enough responses to report yet";
  const says = [...new Set(reportable.map((l) => topOf(sayProfile(report, l)!, models).id))];
  const does = [...new Set(reportable.filter((l) => l.implicit).map((l) => topOf(l.implicit!, models).id))];
  const byId = (id: string) => models.find((m) => m.id === id)!;
  const saying = says.length === 1 ? `Every level says it runs mainly ${name(byId(says[0]!))}` : `Levels disagree on what they run (${says.map((id) => name(byId(id))).join(" or ")})`;
  const doing = does.length === 1 ? `practice enacts ${name(byId(does[0]!))} everywhere` : does.length > 1 ? "practice differs between levels too" : "";
  return doing ? `${saying}; ${doing}` : saying;
}

/** A level's profile heading: what it says against what its practice does. */
export function levelHeadline(report: Pick<Report, "models" | "instrument">, level: ReportLevel): string {
  const said = sayProfile(report, level) ?? level.explicit!;
  const says = name(topOf(said, report.models));
  const does = level.implicit ? name(topOf(level.implicit, report.models)) : null;
  if (!does) return `${level.label} say they run mainly ${says}`;
  return says === does ? `${level.label} say and do mainly ${says}` : `${level.label} say ${says}, but practice enacts ${does}`;
}

/** A finding's anchor on the page, from its key (which holds ":" and "+"). */
export const findingAnchor = (key: string) => `finding-${key.replace(/[^\w-]/g, "_")}`;
