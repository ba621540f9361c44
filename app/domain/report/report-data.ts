import type { Answers } from "../instrument/answers";
import type { Instrument } from "../instrument/instrument";
import { responseStyle, type StatementKey } from "../instrument/scoring";
import { ScoreLayout, type RespondentScores } from "../statistics/level-stats";
import type { ReleaseStep } from "./release";

/** One submitted response as the report reads it: stored profiles, its release step, and its answers. */
export interface RespondentRecord extends RespondentScores {
  levelId: string;
  /** The release step that put the response into figures; null while it is pending. */
  release: number | null;
  answers: Answers;
}

export interface LevelInput {
  id: string;
  label: string;
  /** The level's release steps, in order. */
  releases: readonly ReleaseStep[];
}

const HAS_SAID = 1;
const HAS_IMPLICIT = 2;
const HAS_FACETS = 4;
/** Item codes: the answer on the scale, or one of these. */
export const ITEM_UNANSWERED = 0;
export const ITEM_DONT_KNOW = -1;

/**
 * A level's responses packed into typed arrays as they are read, so that a
 * round of hundreds of thousands of responses holds a few numbers per response
 * and no object per response (issue 11: bounded report memory).
 */
export class LevelRows {
  count = 0;
  private capacity = 0;
  scores = new Float64Array(0);
  flags = new Uint8Array(0);
  /** Release step; 0 while pending. */
  release = new Int32Array(0);
  items = new Int8Array(0);
  acquiescence = new Float32Array(0);
  straightLined = new Uint8Array(0);
  /** Per choice context question, the chosen option's index + 1 (0: not answered). */
  context = new Uint8Array(0);
  /** Free-text answers with the row that gave them. */
  comments: { row: number; text: string }[] = [];

  constructor(
    private readonly width: number,
    private readonly itemCount: number,
    private readonly contextCount: number,
  ) {}

  private grow(): void {
    const capacity = Math.max(16, this.capacity * 2);
    const extend = <T extends Float64Array | Uint8Array | Int32Array | Int8Array | Float32Array>(old: T, per: number, make: (n: number) => T): T => {
      const next = make(capacity * per);
      next.set(old);
      return next;
    };
    this.scores = extend(this.scores, this.width, (n) => new Float64Array(n));
    this.flags = extend(this.flags, 1, (n) => new Uint8Array(n));
    this.release = extend(this.release, 1, (n) => new Int32Array(n));
    this.items = extend(this.items, this.itemCount, (n) => new Int8Array(n));
    this.acquiescence = extend(this.acquiescence, 1, (n) => new Float32Array(n));
    this.straightLined = extend(this.straightLined, 1, (n) => new Uint8Array(n));
    this.context = extend(this.context, this.contextCount, (n) => new Uint8Array(n));
    this.capacity = capacity;
  }

  /** Returns the new row's index. */
  next(): number {
    if (this.count === this.capacity) this.grow();
    return this.count++;
  }

  hasSaid(row: number): boolean {
    return (this.flags[row]! & HAS_SAID) !== 0;
  }
  hasImplicit(row: number): boolean {
    return (this.flags[row]! & HAS_IMPLICIT) !== 0;
  }
  hasFacets(row: number): boolean {
    return (this.flags[row]! & HAS_FACETS) !== 0;
  }
  /** A row's statement answers (as numbers, don't know and unanswered as codes) and its response style. */
  writeStatements(row: number, instrument: StatementKey, answers: Answers): void {
    const base = row * this.itemCount;
    instrument.items.forEach((item, i) => {
      const answer = answers[item.name];
      this.items[base + i] = typeof answer === "number" ? answer : answer === instrument.scale.dontKnow ? ITEM_DONT_KNOW : ITEM_UNANSWERED;
    });
    const style = responseStyle(instrument, answers);
    this.acquiescence[row] = style.acquiescence ?? Number.NaN;
    this.straightLined[row] = style.straightLined ? 1 : 0;
  }

  item(row: number, index: number): number {
    return this.items[row * this.itemCount + index]!;
  }
  contextAnswer(row: number, question: number): number {
    return this.context[row * this.contextCount + question]!;
  }
}

/** Accumulates a round's responses, level by level, for `computeReport`. */
export class ReportData {
  readonly layout: ScoreLayout;
  readonly levels: Map<string, LevelRows>;
  /** Choice context questions (function, tenure): the breakdowns' cuts. */
  readonly contextChoices: { name: string; choices: string[] }[];
  /** Free-text context questions (comments). */
  private readonly textQuestions: string[];
  private readonly everywhere = { explicit: true, said: true, implicit: true, facets: true };

  constructor(
    readonly instrument: Instrument,
    readonly levelInputs: readonly LevelInput[],
  ) {
    this.layout = new ScoreLayout(instrument.modelIds, instrument.patterns.blindLineOfSight.practicesFacet, instrument.patterns.blindLineOfSight.lineOfSightFacet);
    this.contextChoices = instrument.contextQuestions.flatMap((q) => (q.kind === "choice" ? [{ name: q.name, choices: q.choices }] : []));
    this.textQuestions = instrument.contextQuestions.flatMap((q) => (q.kind === "text" ? [q.name] : []));
    this.levels = new Map(levelInputs.map((level) => [level.id, new LevelRows(this.layout.width, instrument.items.length, this.contextChoices.length)]));
  }

  /** Adds one response; a response of a level the round does not have is ignored. */
  add(record: RespondentRecord): void {
    const rows = this.levels.get(record.levelId);
    if (!rows) return;
    const { instrument, layout } = this;
    const row = rows.next();
    layout.write(record, this.everywhere, rows.scores, row * layout.width);
    const has = layout.has(record);
    rows.flags[row] = (has.said ? HAS_SAID : 0) | (has.implicit ? HAS_IMPLICIT : 0) | (has.facets ? HAS_FACETS : 0);
    rows.release[row] = record.release ?? 0;
    rows.writeStatements(row, instrument, record.answers);
    this.contextChoices.forEach((question, q) => {
      const answer = record.answers[question.name];
      rows.context[row * this.contextChoices.length + q] = typeof answer === "string" ? question.choices.indexOf(answer) + 1 : 0;
    });
    for (const name of this.textQuestions) {
      const text = record.answers[name];
      if (typeof text === "string" && text.trim()) rows.comments.push({ row, text: text.trim() });
    }
  }
}
