import { modelColour, shortLabel, type ModelInfo } from "./models";

export interface StrategyFormValues {
  /** Points per model as typed (strings keep what the person typed when it comes back with an error). */
  mix: Record<string, string>;
  recorded: boolean;
}

/**
 * Records the round's intended mix. A plain HTML form posted as a document, so it works without JavaScript,
 * can sit in the report page's static HTML, and brings the report back rendered against the new mix; errors
 * come back on the strategy page beside the fields.
 */
export function StrategyForm({
  roundId,
  models,
  values,
  errors = [],
  open = false,
}: {
  roundId: string;
  models: ModelInfo[];
  values: StrategyFormValues;
  errors?: string[];
  open?: boolean;
}) {
  const errorId = `strategy-errors-${roundId}`;
  return (
    <details className="strategy-form" open={open || errors.length > 0}>
      <summary>{values.recorded ? "Change the intended mix" : "Record the intended mix"}</summary>
      <form method="post" action={`/rounds/${roundId}/strategy`} aria-describedby={errors.length > 0 ? errorId : undefined}>
        <fieldset className="fieldset">
          <legend>What mix does the organisation intend to run? Share 100 points across the models.</legend>
          {errors.length > 0 ? (
            <div className="alert" role="alert" id={errorId}>
              <strong>The mix was not saved:</strong>
              <ul>
                {errors.map((error) => (
                  <li key={error}>{error}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="strategy-form__fields">
            {models.map((model, i) => (
              <div className="field" key={model.id}>
                <label htmlFor={`strategy-${model.id}`}>
                  <span className="swatch" style={{ background: modelColour(model.id, i) }} aria-hidden="true" /> {shortLabel(model.label)} (points)
                </label>
                <input
                  id={`strategy-${model.id}`}
                  name={model.id}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={100}
                  step={1}
                  defaultValue={values.mix[model.id] ?? ""}
                  aria-invalid={errors.length > 0 ? true : undefined}
                />
              </div>
            ))}
          </div>
          <p className="field__hint">Whole numbers from 0 to 100 that add up to exactly 100; an empty field counts as 0.</p>
        </fieldset>
        <div className="actions">
          <button type="submit" name="intent" value="save" className="button">
            Save the intended mix
          </button>
          {values.recorded ? (
            <button type="submit" name="intent" value="clear" className="button button--secondary">
              Remove the intended mix
            </button>
          ) : null}
        </div>
      </form>
    </details>
  );
}
