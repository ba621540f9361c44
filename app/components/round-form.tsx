import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { Field } from "./field";
import { LevelsEditor } from "./levels-editor";

export interface RoundFormValues {
  name: string;
  instrument: string;
  levels: { id: string; label: string }[];
  opensOn: string;
  closesOn: string;
  minGroupSize: string;
  welcomeNote: string;
}

interface RoundFormProps {
  values: RoundFormValues;
  errors: Record<string, string>;
  instruments: { value: string; label: string }[];
  submitLabel: string;
  /** Opened rounds keep their levels and instrument. */
  structureLocked: boolean;
}

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
        <div className="alert" role="alert" tabIndex={-1} ref={summary}>
          Nothing was saved: {errorCount === 1 ? "one field needs" : `${errorCount} fields need`} attention below.
          {errors.form ? <p>{errors.form}</p> : null}
        </div>
      ) : null}
      <Field label="Round name" name="name" defaultValue={values.name} error={errors.name} required maxLength={120} hint="For example “Baseline, spring 2027”." />
      <div className={errors.instrument ? "field field--error" : "field"}>
        <label htmlFor="field-instrument">Questionnaire</label>
        {errors.instrument ? <p className="field__error">{errors.instrument}</p> : null}
        <select id="field-instrument" name="instrument" defaultValue={values.instrument} disabled={structureLocked}>
          {instruments.map((instrument) => (
            <option key={instrument.value} value={instrument.value}>
              {instrument.label}
            </option>
          ))}
        </select>
        {structureLocked ? <input type="hidden" name="instrument" value={values.instrument} /> : null}
      </div>
      <LevelsEditor initial={values.levels} error={errors.levelLabels} locked={structureLocked} />
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
        hint="A level’s results are shown only once this many people have answered. At least 3; 5 is the usual choice."
      />
      <div className={errors.welcomeNote ? "field field--error" : "field"}>
        <label htmlFor="field-welcomeNote">Welcome note for respondents (optional)</label>
        <p className="field__hint" id="field-welcomeNote-hint">
          Shown on the survey’s first page, above the explanation of anonymity.
        </p>
        {errors.welcomeNote ? <p className="field__error">{errors.welcomeNote}</p> : null}
        <textarea id="field-welcomeNote" name="welcomeNote" defaultValue={values.welcomeNote} maxLength={2000} rows={4} aria-describedby="field-welcomeNote-hint" />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
      </div>
    </Form>
  );
}
