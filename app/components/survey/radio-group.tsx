import { optionId, type RadioGroup } from "~/domain/survey/view";
import { FieldErrors } from "./field-errors";

const isScalePoint = (value: string) => /^-?\d+$/.test(value);

/**
 * One statement (or rating, or single choice) as its own group of radio
 * buttons: a fieldset named by the statement, options across the width, each
 * a large target. On a phone a scale shows its numbers, with the words at
 * either end; every option keeps its full wording as its accessible name.
 */
export function RadioGroupField({ group, question = false }: { group: RadioGroup; question?: boolean }) {
  const errorId = `${group.id}-error`;
  const descriptionId = group.description ? `${group.id}-description` : undefined;
  const describedBy = [descriptionId, group.errors.length > 0 ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  const points = group.options.filter((o) => isScalePoint(o.value));
  return (
    <fieldset
      className={`radio-group radio-group--${group.layout}${group.errors.length > 0 ? " has-error" : ""}`}
      id={group.id}
      aria-describedby={describedBy}
    >
      <legend className={question ? "radio-group__legend radio-group__legend--question" : "radio-group__legend"}>
        {group.title}
        {group.required ? <span className="required"> (required)</span> : null}
      </legend>
      {group.description ? (
        <p className="hint" id={descriptionId}>
          {group.description}
        </p>
      ) : null}
      <FieldErrors id={errorId} errors={group.errors} />
      {group.anchors ? (
        <p className="radio-group__anchors" aria-hidden="true">
          <span>
            {points[0]?.value} = {group.anchors.low}
          </span>
          <span>
            {points[points.length - 1]?.value} = {group.anchors.high}
          </span>
        </p>
      ) : null}
      <div className={`radio-group__options${points.length > 7 ? " radio-group__options--long" : ""}`}>
        {group.options.map((option, n) => {
          const point = isScalePoint(option.value);
          return (
            <label key={option.value} className={point ? "option" : "option option--aside"} htmlFor={optionId(group.id, n)}>
              <input
                type="radio"
                id={optionId(group.id, n)}
                name={group.field}
                value={option.value}
                defaultChecked={group.value === option.value}
                aria-invalid={group.errors.length > 0 || undefined}
              />
              {point && group.layout === "scale" && option.text !== option.value ? (
                <span className="option__text">
                  <span className="option__number">{option.value}</span> <span className="option__words">{option.text}</span>
                </span>
              ) : (
                <span className="option__text">{option.text}</span>
              )}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
