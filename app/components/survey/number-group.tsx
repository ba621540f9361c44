import type { ElementView } from "~/domain/survey/view";
import { remainingText } from "~/domain/survey/values";
import { FieldErrors } from "./field-errors";

type Numbers = Extract<ElementView, { kind: "numbers" }>;
type Counter = Extract<ElementView, { kind: "counter" }>;

/**
 * Several number boxes in one named group (the 100-point allocation). Plain
 * text boxes with a numeric keyboard: a browser's number box silently drops
 * what it cannot read, and nothing typed may be lost.
 */
export function NumberGroupField({ question }: { question: Numbers }) {
  const errorId = `${question.id}-error`;
  const descriptionId = question.description ? `${question.id}-description` : undefined;
  const describedBy = [descriptionId, question.errors.length > 0 ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={`number-group${question.errors.length > 0 ? " has-error" : ""}`} id={question.id} aria-describedby={describedBy}>
      <legend className={question.titleHidden ? "visually-hidden" : "number-group__legend"}>
        {question.title}
        {question.required ? <span className="required"> (required)</span> : null}
      </legend>
      {question.description ? (
        <p className="hint" id={descriptionId}>
          {question.description}
        </p>
      ) : null}
      <FieldErrors id={errorId} errors={question.errors} />
      <div className="number-group__items">
        {question.items.map((item) => (
          <div key={item.field} className={`number-item${item.errors.length > 0 ? " has-error" : ""}`}>
            <label htmlFor={item.id}>{item.title}</label>
            <FieldErrors id={`${item.id}-error`} errors={item.errors} />
            <input
              type="text"
              inputMode="numeric"
              autoComplete="off"
              id={item.id}
              name={item.field}
              defaultValue={item.value}
              size={4}
              aria-invalid={item.errors.length > 0 || undefined}
              aria-describedby={[item.errors.length > 0 ? `${item.id}-error` : undefined, question.counterId ?? undefined].filter(Boolean).join(" ") || undefined}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * A computed value. A remaining-points counter says how many points are left
 * or too many, in words, and is announced as it changes; the enhancement
 * script keeps it live from the data attributes.
 */
export function CounterField({ counter }: { counter: Counter }) {
  const live = counter.expression
    ? {
        "data-expression": counter.expression,
        "data-fields": JSON.stringify(counter.fields),
        "data-constants": JSON.stringify(counter.constants),
        ...(counter.total !== null ? { "data-total": String(counter.total) } : {}),
      }
    : {};
  if (counter.total !== null) {
    const left = typeof counter.value === "number" ? counter.value : null;
    return (
      <p className={`counter${left !== null && left < 0 ? " counter--over" : left === 0 ? " counter--done" : ""}`}>
        <output id={counter.id} aria-live="polite" {...live}>
          {remainingText(left, counter.total)}
        </output>
      </p>
    );
  }
  return (
    <p className="counter">
      <span id={`${counter.id}-label`}>{counter.title}: </span>
      <output id={counter.id} aria-live="polite" aria-labelledby={`${counter.id}-label`} {...live}>
        {counter.value ?? ""}
      </output>
    </p>
  );
}
