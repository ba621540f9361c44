import type { Answers } from "../../instrument/answers";
import type { CustomerInstrument } from "../../instrument/customer-instrument";
import { npsPoints } from "../../instrument/customer-scoring";
import { CUSTOMERS_LABEL, CUSTOMERS_LEVEL_ID } from "../../rounds/customers-level";
import type { ReleaseStep } from "../release";
import { LevelRows, type LevelInput } from "../report-data";
import { CustomerLayout, type CustomerScoresRecord } from "./customer-layout";

/** One submitted customer response as the report reads it: stored scores, its release step, and its answers. */
export interface CustomerRecord extends CustomerScoresRecord {
  /** The release step that put the response into figures; null while it is pending. */
  release: number | null;
  answers: Answers;
}

/**
 * A round's customer responses, packed as they are read into the same typed rows as a level's (report-data.ts),
 * under the customers' own level id and release steps.
 */
export class CustomerData {
  readonly layout: CustomerLayout;
  readonly rows: LevelRows;
  readonly input: LevelInput;
  private readonly commentQuestions: string[];

  constructor(
    readonly instrument: CustomerInstrument,
    releases: readonly ReleaseStep[],
    label = CUSTOMERS_LABEL,
  ) {
    this.layout = new CustomerLayout(instrument.modelIds);
    this.rows = new LevelRows(this.layout.width, instrument.items.length, 0);
    this.input = { id: CUSTOMERS_LEVEL_ID, label, releases };
    this.commentQuestions = instrument.contextQuestions.flatMap((q) => (q.kind === "text" ? [q.name] : []));
  }

  add(record: CustomerRecord): void {
    const { instrument, layout, rows } = this;
    const row = rows.next();
    layout.write(record, npsPoints(record.nps), rows.scores, row * layout.width);
    rows.release[row] = record.release ?? 0;
    rows.writeStatements(row, instrument, record.answers);
    for (const name of this.commentQuestions) {
      const text = record.answers[name];
      if (typeof text === "string" && text.trim()) rows.comments.push({ row, text: text.trim() });
    }
  }
}
