/**
 * product.md: "The minimum group size can be raised but never lowered once
 * anyone answered." Lowering it after the first response (even a draft: its
 * person may submit in a minute) would let a level of fewer people be reported
 * to those who answered under the larger promise. The one rule every path
 * (round form, model function, CLI) asks.
 */
export function minGroupChangeProblem(change: { current: number; proposed: number; anyResponse: boolean }): string | null {
  if (change.proposed >= change.current || !change.anyResponse) return null;
  return `minimum group size cannot go below ${change.current} now that people have answered (respondents were promised groups of at least ${change.current}); keep ${change.current} or raise it`;
}
