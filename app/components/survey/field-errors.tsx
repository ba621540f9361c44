/** A field's errors, in words, next to it (and linked from the summary at the top of the page). */
export function FieldErrors({ id, errors }: { id: string; errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <p className="field-error" id={id}>
      <span className="visually-hidden">Error: </span>
      {errors.join(" ")}
    </p>
  );
}
