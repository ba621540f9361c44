/**
 * One page of a questionnaire as plain data for the server-rendered form:
 * what survey-core decided (visibility, titles, computed values, errors),
 * with nothing of survey-core left in it.
 */

export interface Option {
  value: string;
  text: string;
}

export interface Labelled {
  id: string;
  name: string;
  title: string;
  /** The questionnaire hides this title (a statement grid under the page's own heading). */
  titleHidden: boolean;
  description: string;
  required: boolean;
  errors: string[];
}

/** One statement, rating or single choice shown as its own group of radio buttons. */
export interface RadioGroup extends Labelled {
  field: string;
  options: Option[];
  value: string;
  /** A scale (agreement, 0-10) lays its options out in a row; a list stacks them. */
  layout: "scale" | "list";
  /** For scales: the words at either end, so phones can show numbers alone. */
  anchors: { low: string; high: string } | null;
}

export type ElementView =
  | { kind: "html"; id: string; html: string }
  | { kind: "panel"; id: string; title: string; description: string; elements: ElementView[] }
  | (Labelled & { kind: "statements"; rows: RadioGroup[] })
  | (Labelled & { kind: "numbers"; items: { field: string; id: string; title: string; value: string; errors: string[] }[]; counterId: string | null })
  | {
      kind: "counter";
      id: string;
      name: string;
      title: string;
      /** What the browser needs to keep it live: the expression, the fields it reads, values from other pages. */
      expression: string;
      fields: Record<string, string>;
      constants: Record<string, unknown>;
      value: number | string | null;
      total: number | null;
    }
  | (RadioGroup & { kind: "choice" })
  | (Labelled & { kind: "select"; field: string; options: Option[]; value: string; placeholder: string })
  | (Labelled & { kind: "text"; field: string; multiline: boolean; numeric: boolean; value: string; maxLength: number | null; rows: number; placeholder: string });

export interface PageView {
  index: number;
  name: string;
  title: string;
  description: string;
  /** "Page 3 of 7", counting the pages this respondent sees. */
  position: number;
  count: number;
  first: boolean;
  last: boolean;
  elements: ElementView[];
  /** The questionnaire's own button words ("Next", "Back", "Submit my answers"). */
  buttons: { next: string; back: string; submit: string };
  /** Everything wrong on the page, for the summary at its top: each links to the control to correct. */
  problems: { target: string; message: string }[];
}

export interface ViewOptions {
  /** What the respondent typed, shown back as typed (even where it could not be stored). */
  raw?: Record<string, string>;
  /** Errors keyed by field or question name. */
  errors?: Record<string, string[]>;
}

/** A form-safe element id for a field or question name. */
export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
/** The id of a radio group's n-th option (the first one is where an error link leads). */
export const optionId = (groupId: string, n: number) => `${groupId}-${n}`;
