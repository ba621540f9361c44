import type { Instrument } from "../instrument/instrument";
import { effectiveMinGroupSize, responsesNeeded } from "./anonymity";
import type { Figure } from "./level-figures";
import { releaseSummary, type CountedRelease } from "./release";
import type { Report } from "./report";

/** A figure the anonymity rules hold back, and the reason in words. */
export interface Withheld {
  figure: "level" | "said" | "implicit" | "facets" | "comments";
  reason: string;
}

/**
 * What the notes need to know of a level: how many responses each figure counts. It does not change
 * between release steps, so a cached report's notes can be brought up to date with live counts alone.
 */
export interface LevelSummary {
  id: string;
  label: string;
  reportable: boolean;
  /** Responses in the level's figures. */
  included: number;
  counted: Record<Figure, CountedRelease>;
  /** People at this level who wrote a comment, released or not. */
  commenters: number;
}

const responsesText = (n: number) => `${n} ${n === 1 ? "response" : "responses"}`;

export function withheldFigures(instrument: Instrument, level: LevelSummary, pending: number, minGroupSize: number): Withheld[] {
  const min = effectiveMinGroupSize(minGroupSize);
  if (!level.reportable) {
    return [{ figure: "level", reason: `Not enough responses to report: ${responsesText(pending)} so far, ${min} needed before any figure appears.` }];
  }
  const withheld: Withheld[] = [];
  const check = (figure: Withheld["figure"], counted: number, what: string) => {
    if (counted < min) {
      // "Fewer than", not the count: how many have no such profile is itself something about a few people.
      withheld.push({ figure, reason: `Fewer than ${min} of the ${responsesText(level.included)} in these figures ${what}, so this figure is withheld until at least ${min} have.` });
    }
  };
  if (instrument.explicitItems.length > 0) check("said", level.counted.said.contributors, "answered enough belief statements");
  check("implicit", level.counted.implicit.contributors, "answered enough practice statements for a practice profile");
  check("facets", level.counted.facets.contributors, "answered both the practice and the line-of-sight statements");
  // Said whether or not anyone has commented: whether the note appears must not tell that a pending response holds a comment.
  if (level.counted.comments.contributors < min) {
    withheld.push({ figure: "comments", reason: `Fewer than ${min} people at this level have written a comment, so comments are not shown yet.` });
  }
  return withheld;
}

/** What the report cannot compute and why, in sentences a consultant can read out. */
export function reportNotes(instrument: Instrument, levels: readonly LevelSummary[], pending: (id: string) => number, minGroupSize: number): string[] {
  const min = effectiveMinGroupSize(minGroupSize);
  const notes: string[] = [];
  const reportable = levels.filter((level) => level.reportable);
  const top = levels[0];
  if (top && !top.reportable) {
    notes.push(
      `${top.label} has ${responsesText(pending(top.id))} and needs ${min} before its figures appear, so the findings that compare other levels with it (board-only model, hidden from the top) cannot be computed yet.`,
    );
  } else if (top) {
    const others = reportable.length - 1;
    if (others < instrument.patterns.boardOnlyModel.minOtherLevels) {
      notes.push(`Board-only model needs at least ${instrument.patterns.boardOnlyModel.minOtherLevels} other reportable levels besides ${top.label}; there ${others === 1 ? "is" : "are"} ${others}.`);
    }
    if (instrument.patterns.sayProfile === "said" && top.counted.said.contributors < min) {
      notes.push(`Too few of ${top.label}'s respondents answered the belief statements, so "hidden from the top" cannot be computed.`);
    }
  }
  if (reportable.length < 2) notes.push("Fewer than two levels can be reported, so no finding compares levels yet.");
  for (const level of reportable) {
    if (level.counted.implicit.contributors < min) {
      notes.push(`${level.label}: too few respondents have a practice profile, so its say-do findings cannot be computed.`);
    } else if (instrument.patterns.sayProfile === "said" && level.counted.said.contributors < min) {
      notes.push(`${level.label}: too few respondents answered the belief statements, so its say-do findings cannot be computed.`);
    }
  }
  return notes;
}

/**
 * Response counts stay live while figures move in release steps: this brings a (cached) report's counts,
 * and the sentences built on them, up to date without recomputing any figure.
 */
export function withLiveCounts(report: Report, instrument: Instrument, summaries: readonly LevelSummary[], live: ReadonlyMap<string, number>): Report {
  const { minGroupSize } = report;
  const pendingOf = (id: string) => {
    const summary = summaries.find((s) => s.id === id);
    return Math.max(0, (live.get(id) ?? 0) - (summary?.included ?? 0));
  };
  return {
    ...report,
    levels: report.levels.map((level) => {
      const summary = summaries.find((s) => s.id === level.id)!;
      const pending = pendingOf(level.id);
      return {
        ...level,
        responses: summary.included + pending,
        release: releaseSummary(summary.included, pending, minGroupSize),
        responsesNeeded: level.reportable ? 0 : responsesNeeded(pending, minGroupSize),
        withheld: withheldFigures(instrument, summary, pending, minGroupSize),
      };
    }),
    notes: reportNotes(instrument, summaries, pendingOf, minGroupSize),
  };
}
