/**
 * How a typed value becomes a number, and how a "points left" counter reads.
 * Shared by the server and the browser's enhancement script, so both say the
 * same thing about the same input.
 */

/** "30", " 30 ", "12.5", "-4" read as numbers; anything else (empty included) does not. */
export function parseNumberInput(raw: string): number | undefined {
  const text = raw.trim();
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The words a remaining-points counter shows and announces: never a bare or negative number. */
export function remainingText(left: number | null, total: number): string {
  if (left === null) return `Share ${total} points`;
  if (left === 0) return `All ${total} points shared`;
  if (left > 0) return `${plural(left, "point", "points")} left`;
  return `${plural(-left, "point", "points")} too many`;
}

/** The same state as a short sentence for an error message: "You have 20 points too many." */
export function remainingSentence(left: number | null, total: number): string {
  if (left === null || left === total) return `None of the ${total} points has been shared yet.`;
  if (left > 0) return `You have ${plural(left, "point", "points")} left to share.`;
  if (left < 0) return `You have ${plural(-left, "point", "points")} too many: take ${-left} off.`;
  return `All ${total} points are shared.`;
}
