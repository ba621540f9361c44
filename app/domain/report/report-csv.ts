import { toCsv } from "../csv";
import type { Report } from "./report";
import { STRATEGY_PROFILES } from "./strategy";

const PROFILES = ["explicit", "desired", "said", "implicit"] as const;
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
  "finding",
  "item",
  "statement",
  "count",
  "basis",
  "recommendation",
] as const;

type Row = Partial<Record<(typeof HEADER)[number], string | number | boolean | null>>;

/**
 * The report as one tidy CSV, filterable by `section`: first `summary` (the executive summary: its
 * position in `value`, the message in `summary`, what to do in `recommendation`, the keys of its findings,
 * space-separated, in `finding`), then `strategy` (the intended mix: one row per model with its share; then
 * each level's distance from it per profile, with its interval), `profile` (level x
 * profile x model shares, and intensities), `say_do` (distance with its
 * interval), `finding`, `evidence` (a finding's statements: the level's mean
 * answer in `value`, how many answered in `count`, the don't-know rate in
 * `summary`), `reliability` (alpha per scale, item-total per statement),
 * `quality` (acquiescent and straight-lined counts per level) and `breakdown`
 * (cells by function or tenure), `customers` (the customers' experienced,
 * wanted and intensity profiles, `nps` with its interval, NPS by the model
 * customers experience most). A level, or the customers, below the minimum
 * group size is one row with its count and no numbers. Built from the report only,
 * so it obeys the same anonymity rules as the page and the JSON.
 */
export function reportToCsv(report: Report): string {
  const rows: Row[] = [];
  const base = { round: report.round.id, organisation: report.round.organisation };
  report.summary.forEach((message, i) => {
    rows.push({ section: "summary", ...base, value: i + 1, summary: message.message, recommendation: message.recommendation, finding: message.findings.join(" ") });
  });
  if (report.strategy) {
    for (const model of report.models) rows.push({ section: "strategy", ...base, profile: "intended", model: model.id, value: report.strategy[model.id] ?? 0 });
    for (const level of report.levels) {
      if (!level.strategyDistance) continue;
      for (const profile of STRATEGY_PROFILES) {
        const distance = level.strategyDistance[profile];
        if (distance) rows.push({ section: "strategy", ...base, level: level.id, level_label: level.label, profile, value: distance.distance, ci_low: distance.ci[0], ci_high: distance.ci[1] });
      }
    }
  }
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
    if (level.saidIntensities) {
      for (const model of report.models) rows.push({ section: "profile", ...who, profile: "said_intensity", model: model.id, value: level.saidIntensities[model.id] ?? 0 });
    }
    if (level.sayDo) rows.push({ section: "say_do", ...who, value: level.sayDo.distance, ci_low: level.sayDo.ci[0], ci_high: level.sayDo.ci[1] });
  }
  rows.push(...customerRows(report, base));
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
      finding: finding.key,
      basis: finding.basis,
    });
    for (const item of finding.evidence) {
      for (const level of item.levels) {
        rows.push({
          section: "evidence",
          ...base,
          level: level.id,
          level_label: level.label,
          model: item.model,
          profile: item.profile,
          value: level.mean,
          pattern: finding.pattern,
          finding: finding.key,
          item: item.name,
          statement: item.text,
          count: level.answered,
          ci_low: null,
          ci_high: null,
          summary: `don't know: ${Math.round(level.dontKnowRate * 100)}%`,
        });
      }
    }
  }
  for (const scale of report.dataQuality.scales) {
    rows.push({ section: "reliability", ...base, model: scale.model, profile: scale.profile, value: scale.alpha, count: scale.respondents, summary: scale.low ? "low" : null });
    for (const item of scale.items) {
      rows.push({ section: "reliability", ...base, model: scale.model, profile: scale.profile, item: item.name, value: item.itemTotal, summary: item.low ? "low" : null });
    }
  }
  for (const level of report.dataQuality.levels) {
    const who = { ...base, level: level.id, responses: level.responses };
    rows.push({ section: "quality", ...who, profile: "acquiescent", count: level.acquiescent });
    rows.push({ section: "quality", ...who, profile: "straight_lined", count: level.straightLined });
  }
  for (const breakdown of report.breakdowns) {
    for (const level of breakdown.levels) {
      for (const cell of level.cells) {
        for (const profile of ["explicit", "said", "implicit"] as const) {
          const shares = cell[profile];
          if (!shares) continue;
          for (const model of report.models) {
            rows.push({ section: "breakdown", ...base, level: level.id, responses: cell.responses, profile, model: model.id, value: shares[model.id] ?? 0, item: breakdown.question, statement: cell.value });
          }
        }
      }
    }
  }
  return toCsv(
    HEADER,
    rows.map((row) => HEADER.map((column) => row[column] ?? null)),
  );
}

/** The `customers` section: nothing when the round does not ask its customers; a count only below the minimum group. */
function customerRows(report: Report, base: Row): Row[] {
  const customers = report.customers;
  if (!customers) return [];
  const who = { ...base, section: "customers", level: customers.id, level_label: customers.label, responses: customers.responses, reportable: customers.reportable };
  if (!customers.reportable) return [who];
  const rows: Row[] = [];
  for (const profile of ["experienced", "wanted", "intensities"] as const) {
    const shares = customers[profile];
    if (!shares) continue;
    const name = profile === "intensities" ? "experienced_intensity" : profile;
    for (const model of report.models) rows.push({ ...who, profile: name, model: model.id, value: shares[model.id] ?? 0 });
  }
  if (customers.nps !== null) rows.push({ ...who, profile: "nps", value: customers.nps, ci_low: customers.npsCi?.[0] ?? null, ci_high: customers.npsCi?.[1] ?? null });
  for (const cell of customers.npsByModel?.cells ?? []) {
    rows.push({ ...who, responses: cell.responses, profile: "nps_by_experienced_model", model: cell.model, value: cell.nps, ci_low: cell.npsCi[0], ci_high: cell.npsCi[1] });
  }
  return rows;
}
