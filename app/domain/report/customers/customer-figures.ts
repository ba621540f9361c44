import type { CustomerInstrument } from "../../instrument/customer-instrument";
import { indexedMeans, meanResampler, percentileInterval, type MeanResampler } from "../../statistics/bootstrap";
import { createRandom } from "../../statistics/random";
import { scaleReliability } from "../../statistics/reliability";
import { effectiveMinGroupSize } from "../anonymity";
import { ACQUIESCENT_FROM, ALPHA_FLAG, ITEM_TOTAL_FLAG, type ScaleQuality } from "../data-quality";
import { contributorsPerStep, countedThrough, type CountedRelease } from "../release";
import type { LevelInput, LevelRows } from "../report-data";
import type { CustomerData } from "./customer-data";
import type { CustomerLayout, CustomerStats } from "./customer-layout";

/**
 * The customers after the anonymity rules, exactly as a level's figures are prepared (level-figures.ts):
 * responses reach figures in release steps; each figure (all answers: the wanted profile and NPS; the
 * experienced profile; comments) counts only its own contributors, moves only when the minimum group of new
 * contributors has arrived (or at a final step), and is withheld below the minimum group.
 */
export interface PreparedCustomers {
  input: LevelInput;
  rows: LevelRows;
  layout: CustomerLayout;
  /** Responses in the customers' figures. */
  figureRows: Int32Array;
  counted: { all: CountedRelease; experienced: CountedRelease; comments: CountedRelease };
  /** Contributors each figure averages (0 when withheld). */
  contributors: { all: number; experienced: number };
  reportable: boolean;
  stats: CustomerStats;
  resampler: MeanResampler;
  pending: number;
}

export function prepareCustomers(data: CustomerData, minGroupSize: number): PreparedCustomers {
  const { rows, layout, input } = data;
  const min = effectiveMinGroupSize(minGroupSize);
  const commenters = new Uint8Array(rows.count);
  for (const comment of rows.comments) commenters[comment.row] = 1;
  const count = (contributes: (row: number) => boolean) => {
    const perStep = contributorsPerStep(rows.release.subarray(0, rows.count), contributes);
    return countedThrough(input.releases, (seq) => perStep.get(seq) ?? 0, minGroupSize);
  };
  const counted = {
    all: count(() => true),
    experienced: count((row) => layout.hasExperienced(rows.scores, row * layout.width)),
    comments: count((row) => commenters[row] === 1),
  };
  const members: number[] = [];
  let pending = 0;
  for (let row = 0; row < rows.count; row++) {
    const seq = rows.release[row]!;
    if (seq >= 1 && seq <= counted.all.through) members.push(row);
    else pending++;
  }
  const figureRows = Int32Array.from(members);
  const experiencedShown = counted.experienced.contributors >= min;
  for (const row of figureRows) {
    if (!experiencedShown || rows.release[row]! > counted.experienced.through) layout.hideExperienced(rows.scores, row * layout.width);
  }
  const reportable = counted.all.contributors >= min;
  const mean = indexedMeans(rows.scores, layout.width, figureRows);
  const n = figureRows.length;
  return {
    input,
    rows,
    layout,
    figureRows,
    counted,
    contributors: { all: reportable ? n : 0, experienced: reportable ? Math.round(mean[layout.at.hasExperienced]! * n) : 0 },
    reportable,
    stats: reportable ? layout.stats(mean, n) : { experienced: null, intensities: null, wanted: null, nps: null },
    resampler: meanResampler(rows.scores, layout.width, mean, figureRows),
    pending,
  };
}

/** NPS among the customers whose experience leads with one model. */
export interface NpsCell {
  model: string;
  responses: number;
  nps: number;
  npsCi: [number, number];
}

/** A resampled mean of one column over some rows, `resamples` times, each from the same seeded generator. */
function bootstrapMeans(values: Float64Array, resamples: number, seed: string): number[] {
  const random = createRandom(seed);
  const n = values.length;
  return Array.from({ length: resamples }, () => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(random.next() * n)]!;
    return sum / n;
  });
}

/** The model a customer's experience leads with, or null when two models tie for first (such customers join no group). */
function leadingModel(layout: CustomerLayout, scores: Float64Array, offset: number): number | null {
  let best = 0;
  let second = -Infinity;
  const start = offset + layout.at.experienced;
  for (let m = 1; m < layout.modelIds.length; m++) {
    const value = scores[start + m]!;
    if (value > scores[start + best]!) {
      second = scores[start + best]!;
      best = m;
    } else second = Math.max(second, value);
  }
  return scores[start + best]! - second > 1e-9 ? best : null;
}

/**
 * NPS by the model customers experience most, "when groups allow" (product.md's breakdown rule): each group
 * counts its own members through the release steps and is shown from the minimum group, and the smallest
 * groups are withheld until the customers outside the shown groups (no experience profile, a tie, a hidden
 * group) are none or at least the minimum group, so no group's score can be worked out by subtraction from
 * the customers' NPS.
 */
export function npsByLeadingModel(prepared: PreparedCustomers, minGroupSize: number, resamples: number, seed: string): { cells: NpsCell[]; otherResponses: number } | null {
  if (!prepared.reportable) return null;
  const min = effectiveMinGroupSize(minGroupSize);
  const { rows, layout, input, figureRows } = prepared;
  const leading = new Int8Array(rows.count).fill(-1);
  for (let row = 0; row < rows.count; row++) {
    const offset = row * layout.width;
    if (layout.hasExperienced(rows.scores, offset)) leading[row] = leadingModel(layout, rows.scores, offset) ?? -1;
  }
  const groups = layout.modelIds.map((model, m) => {
    const perStep = contributorsPerStep(rows.release.subarray(0, rows.count), (row) => leading[row] === m);
    const { through } = countedThrough(input.releases, (seq) => perStep.get(seq) ?? 0, minGroupSize);
    const members = Array.from(figureRows).filter((row) => leading[row] === m && rows.release[row]! <= through);
    return { model, members, shown: members.length >= min };
  });
  for (;;) {
    const shown = groups.filter((g) => g.shown);
    const rest = figureRows.length - shown.reduce((sum, g) => sum + g.members.length, 0);
    if (rest === 0 || rest >= min || shown.length === 0) break;
    shown.reduce((a, b) => (b.members.length < a.members.length ? b : a)).shown = false;
  }
  const cells = groups
    .filter((g) => g.shown)
    .map((g): NpsCell => {
      const points = Float64Array.from(g.members, (row) => rows.scores[row * layout.width + layout.at.nps]!);
      const nps = points.reduce((a, b) => a + b, 0) / points.length;
      const interval = percentileInterval(bootstrapMeans(points, resamples, `${seed}:customers:nps:${g.model}`)) ?? [nps, nps];
      return { model: g.model, responses: g.members.length, nps, npsCi: interval };
    });
  return { cells, otherResponses: figureRows.length - cells.reduce((sum, c) => sum + c.responses, 0) };
}

/** Response style (counts) and how well each model's customer statements hang together, over the customers in the figures. */
export interface CustomerQuality {
  acquiescent: number;
  straightLined: number;
  scales: ScaleQuality[];
}

export function customerQuality(instrument: CustomerInstrument, prepared: PreparedCustomers): CustomerQuality | null {
  if (!prepared.reportable) return null;
  const { rows, layout, figureRows } = prepared;
  let acquiescent = 0;
  let straightLined = 0;
  for (const row of figureRows) {
    if (rows.acquiescence[row]! >= ACQUIESCENT_FROM) acquiescent++;
    if (rows.straightLined[row] === 1) straightLined++;
  }
  const { min, max } = instrument.scale;
  const contributing = Array.from(figureRows).filter((row) => layout.hasExperienced(rows.scores, row * layout.width));
  const scales = instrument.modelIds.map((model): ScaleQuality => {
    const items = instrument.items.map((item, index) => ({ item, index })).filter(({ item }) => item.model === model);
    const values = new Float64Array(contributing.length * items.length);
    let at = 0;
    for (const row of contributing) {
      const shift = instrument.scoring.responseStyle.removeAcquiescence ? rows.acquiescence[row]! || 0 : 0;
      for (const { item, index } of items) {
        const answer = rows.item(row, index);
        const adjusted = answer - shift;
        values[at++] = answer <= 0 ? Number.NaN : ((item.reverse ? min + max - adjusted : adjusted) - min) / (max - min);
      }
    }
    const reliability = scaleReliability(values, items.length);
    return {
      model,
      profile: "implicit",
      alpha: reliability.alpha,
      low: reliability.alpha !== null && reliability.alpha < ALPHA_FLAG,
      respondents: reliability.respondents,
      items: items.map(({ item }, i) => ({ name: item.name, itemTotal: reliability.itemTotal[i]!, low: reliability.itemTotal[i] !== null && reliability.itemTotal[i]! < ITEM_TOTAL_FLAG })),
    };
  });
  return { acquiescent, straightLined, scales };
}
