import type { ElementView } from "~/domain/survey/view";
import { FieldErrors } from "./field-errors";

type Select = Extract<ElementView, { kind: "select" }>;
type Text = Extract<ElementView, { kind: "text" }>;

function describedBy(id: string, description: string, errors: string[]) {
  return [description ? `${id}-description` : undefined, errors.length > 0 ? `${id}-error` : undefined].filter(Boolean).join(" ") || undefined;
}

function Label({ id, title, hidden, required }: { id: string; title: string; hidden: boolean; required: boolean }) {
  return (
    <label htmlFor={id} className={hidden ? "visually-hidden" : "field__label"}>
      {title}
      {required ? <span className="required"> (required)</span> : null}
    </label>
  );
}

export function SelectField({ question }: { question: Select }) {
  return (
    <div className={`field${question.errors.length > 0 ? " has-error" : ""}`}>
      <Label id={question.id} title={question.title} hidden={question.titleHidden} required={question.required} />
      {question.description ? (
        <p className="hint" id={`${question.id}-description`}>
          {question.description}
        </p>
      ) : null}
      <FieldErrors id={`${question.id}-error`} errors={question.errors} />
      <select
        id={question.id}
        name={question.field}
        defaultValue={question.value}
        aria-invalid={question.errors.length > 0 || undefined}
        aria-describedby={describedBy(question.id, question.description, question.errors)}
      >
        <option value="">{question.placeholder}</option>
        {question.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextField({ question }: { question: Text }) {
  const shared = {
    id: question.id,
    name: question.field,
    defaultValue: question.value,
    placeholder: question.placeholder || undefined,
    "aria-invalid": question.errors.length > 0 || undefined,
    "aria-describedby": describedBy(question.id, question.description, question.errors),
  };
  return (
    <div className={`field${question.errors.length > 0 ? " has-error" : ""}`}>
      <Label id={question.id} title={question.title} hidden={question.titleHidden} required={question.required} />
      {question.description ? (
        <p className="hint" id={`${question.id}-description`}>
          {question.description}
          {question.maxLength ? ` (up to ${question.maxLength} characters)` : ""}
        </p>
      ) : null}
      <FieldErrors id={`${question.id}-error`} errors={question.errors} />
      {question.multiline ? (
        // No maxLength attribute: a browser would cut pasted text silently; the server says how much is too much.
        <textarea {...shared} rows={question.rows} />
      ) : (
        <input {...shared} type="text" inputMode={question.numeric ? "decimal" : undefined} autoComplete="off" />
      )}
    </div>
  );
}
