import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { Field } from "./field";
import { CustomersOption } from "./customers-option";
import { LevelsEditor } from "./levels-editor";

export interface RoundFormValues {
  name: string;
  instrument: string;
  levels: { id: string; label: string }[];
  opensOn: string;
  closesOn: string;
  minGroupSize: string;
  welcomeNote: string;
  /** Ask the organisation's customers too (a customer link beside the levels' links). */
  customers: boolean;
}

interface RoundFormProps {
  values: RoundFormValues;
  errors: Record<string, string>;
  instruments: { value: string; label: string }[];
  submitLabel: string;
  /** Opened rounds keep their levels and instrument. */
  structureLocked: boolean;
}

/** Where each field's error in the summary leads (the id of its control) and what it is called there. */
const FIELD_TARGETS: Record<string, { id: string; label: string }> = {
  name: { id: "field-name", label: "Round name" },
  instrument: { id: "field-instrument", label: "Questionnaire" },
  levelLabels: { id: "levels", label: "Levels" },
  opensOn: { id: "field-opensOn", label: "Opens on" },
  closesOn: { id: "field-closesOn", label: "Closes on" },
  minGroupSize: { id: "field-minGroupSize", label: "Minimum group size" },
  welcomeNote: { id: "field-welcomeNote", label: "Welcome note" },
};

/** Errors in the order their fields appear, then any about the form as a whole. */
const inFormOrder = (errors: Record<string, string>) =>
  Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b));
const rank = (field: string) => {
  const index = Object.keys(FIELD_TARGETS).indexOf(field);
  return index < 0 ? Number.MAX_SAFE_INTEGER : index;
};

export function RoundForm({ values, errors, instruments, submitLabel, structureLocked }: RoundFormProps) {
  const busy = useNavigation().state === "submitting";
  const errorCount = Object.keys(errors).length;
  const summary = useRef<HTMLDivElement>(null);
  // After a refused save, move focus to the summary so keyboard and screen-reader users hear what to fix.
  useEffect(() => {
    if (errorCount > 0) summary.current?.focus();
  }, [errors, errorCount]);
  return (
    <Form method="post" noValidate className="card">
      {errorCount > 0 ? (
        <div className="alert error-summary" role="alert" tabIndex={-1} ref={summary} aria-labelledby="round-form-errors">
          <p id="round-form-errors">
            <strong>Nothing was saved: {errorCount === 1 ? "one thing needs" : `${errorCount} things need`} fixing.</strong>
          </p>
          <ul>
            {inFormOrder(errors).map(([field, message]) => (
              <li key={field}>{FIELD_TARGETS[field] ? <a href={`#${FIELD_TARGETS[field]!.id}`}>{`${FIELD_TARGETS[field]!.label}: ${message}`}</a> : message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Field label="Round name" name="name" defaultValue={values.name} error={errors.name} required maxLength={120} hint="For example “Baseline, spring 2027”." />
      <div className={errors.instrument ? "field field--error" : "field"}>
        <label htmlFor="field-instrument">Questionnaire</label>
        {errors.instrument ? (
          <p className="field__error" id="field-instrument-error">
            <span aria-hidden="true">⚠ </span>
            {errors.instrument}
          </p>
        ) : null}
        <select
          id="field-instrument"
          name="instrument"
          defaultValue={values.instrument}
          disabled={structureLocked}
          aria-invalid={errors.instrument ? true : undefined}
          aria-describedby={errors.instrument ? "field-instrument-error" : undefined}
        >
          {instruments.map((instrument) => (
            <option key={instrument.value} value={instrument.value}>
              {instrument.label}
            </option>
          ))}
        </select>
        {structureLocked ? <input type="hidden" name="instrument" value={values.instrument} /> : null}
      </div>
      <LevelsEditor initial={values.levels} error={errors.levelLabels} locked={structureLocked} />
      <CustomersOption checked={values.customers} locked={structureLocked} />
      <div className="grid-2">
        <Field label="Opens on (optional)" name="opensOn" type="date" defaultValue={values.opensOn} error={errors.opensOn} hint="Leave empty to take answers as soon as you open the round." />
        <Field label="Closes on (optional)" name="closesOn" type="date" defaultValue={values.closesOn} error={errors.closesOn} hint="The round stops taking answers at the end of this day (UTC)." />
      </div>
      <Field
        label="Minimum group size"
        name="minGroupSize"
        type="number"
        inputMode="numeric"
        min={3}
        max={1000}
        defaultValue={values.minGroupSize}
        error={errors.minGroupSize}
        hint="A level’s results are shown only once this many people have answered. At least 3; 5 is the usual choice. Once anyone has answered it can be raised, never lowered."
      />
      <div className={errors.welcomeNote ? "field field--error" : "field"}>
        <label htmlFor="field-welcomeNote">Welcome note for respondents (optional)</label>
        <p className="field__hint" id="field-welcomeNote-hint">
          Shown on the survey’s first page, above the explanation of anonymity.
        </p>
        {errors.welcomeNote ? (
          <p className="field__error" id="field-welcomeNote-error">
            <span aria-hidden="true">⚠ </span>
            {errors.welcomeNote}
          </p>
        ) : null}
        <textarea
          id="field-welcomeNote"
          name="welcomeNote"
          defaultValue={values.welcomeNote}
          maxLength={2000}
          rows={4}
          aria-invalid={errors.welcomeNote ? true : undefined}
          aria-describedby={errors.welcomeNote ? "field-welcomeNote-hint field-welcomeNote-error" : "field-welcomeNote-hint"}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
      </div>
    </Form>
  );
}
