/**
 * Excluding responses by arrival time (a stuffed burst) from the report, under
 * product.md's "No figure moves by one person": a change of exclusions may move
 * each level by nothing or by at least the minimum group, against the report as
 * it stands and as it stood after every earlier change (otherwise excluding a
 * window of 5, undoing it and excluding a window of 6 would give two reports
 * that differ by one person). Pure: the models feed it arrivals and the stored
 * history, the report's queries apply `isExcluded`'s rule in SQL.
 */

/** Responses submitted at or after `from` and before `to` (epoch milliseconds). */
export interface ExclusionWindow {
  from: number;
  to: number;
}

/** A submitted response as exclusions see it: its level and when it arrived. */
export interface Arrival {
  id: number;
  level: string;
  at: number;
}

export function isExcluded(at: number, windows: readonly ExclusionWindow[]): boolean {
  return windows.some((window) => at >= window.from && at < window.to);
}

export function excludedIds(arrivals: readonly Arrival[], windows: readonly ExclusionWindow[]): Set<number> {
  return new Set(arrivals.filter((arrival) => isExcluded(arrival.at, windows)).map((arrival) => arrival.id));
}

/** An exclusion as stored: when it took effect and (if undone) when it stopped. */
export interface ExclusionRecord extends ExclusionWindow {
  createdAt: number;
  removedAt: number | null;
}

/** Every set of windows the report has been built on, oldest first: none, then the state after each change. */
export function exclusionStates(records: readonly ExclusionRecord[]): ExclusionWindow[][] {
  const events = records
    .flatMap((record, index) => [
      { at: record.createdAt, index, active: true },
      ...(record.removedAt === null ? [] : [{ at: record.removedAt, index, active: false }]),
    ])
    .sort((a, b) => a.at - b.at || Number(b.active) - Number(a.active));
  const active = new Set<number>();
  const states: ExclusionWindow[][] = [[]];
  for (const event of events) {
    if (event.active) active.add(event.index);
    else active.delete(event.index);
    states.push([...active].sort((a, b) => a - b).map((index) => ({ from: records[index]!.from, to: records[index]!.to })));
  }
  return states;
}

export interface ExclusionProblem {
  level: string;
  /** How many of the level's responses would differ from a version of the report. */
  moved: number;
  /** Against the report as it is now, or as it stood after an earlier change. */
  against: "current" | "earlier";
}

/** Per level, how many arrivals are in one set and not the other. */
function movedPerLevel(arrivals: readonly Arrival[], a: ReadonlySet<number>, b: ReadonlySet<number>): Map<string, number> {
  const moved = new Map<string, number>();
  for (const arrival of arrivals) if (a.has(arrival.id) !== b.has(arrival.id)) moved.set(arrival.level, (moved.get(arrival.level) ?? 0) + 1);
  return moved;
}

/** The rule itself: a level may move by none or by at least the minimum group. Newest state first, so the current report is named when it is in conflict. */
function problemsOf(movedByState: readonly Map<string, number>[], minGroupSize: number): ExclusionProblem[] {
  const problems = new Map<string, ExclusionProblem>();
  const last = movedByState.length - 1;
  for (let index = last; index >= 0; index--) {
    for (const [level, count] of movedByState[index]!) {
      if (count > 0 && count < minGroupSize && !problems.has(level)) problems.set(level, { level, moved: count, against: index === last ? "current" : "earlier" });
    }
  }
  return [...problems.values()].sort((a, b) => (a.level < b.level ? -1 : a.level > b.level ? 1 : 0));
}

/**
 * Whether the report may move to `proposed` windows: per level, the responses
 * it includes must differ from every state in `states` (the last one being the
 * current) by none or by at least `minGroupSize`. Returns one problem per level
 * that fails, empty when the change is allowed.
 */
export function exclusionChangeProblems(input: {
  arrivals: readonly Arrival[];
  minGroupSize: number;
  proposed: readonly ExclusionWindow[];
  states: readonly (readonly ExclusionWindow[])[];
}): ExclusionProblem[] {
  const next = excludedIds(input.arrivals, input.proposed);
  return problemsOf(
    input.states.map((state) => movedPerLevel(input.arrivals, excludedIds(input.arrivals, state), next)),
    input.minGroupSize,
  );
}

/**
 * For each of several disjoint, time-ordered windows, what adding it to the
 * exclusions in force would break: the same rule as `exclusionChangeProblems`
 * for each window, in time proportional to states x arrivals rather than
 * windows x states x arrivals (a page of a large round lists thousands of windows).
 */
export function windowProblems(input: {
  arrivals: readonly Arrival[];
  minGroupSize: number;
  active: readonly ExclusionWindow[];
  states: readonly (readonly ExclusionWindow[])[];
  windows: readonly ExclusionWindow[];
}): { problems: ExclusionProblem[]; alreadyExcluded: boolean }[] {
  const current = excludedIds(input.arrivals, input.active);
  const stateSets = input.states.map((state) => excludedIds(input.arrivals, state));
  const base = stateSets.map((set) => movedPerLevel(input.arrivals, set, current));
  const sorted = [...input.arrivals].sort((a, b) => a.at - b.at);
  let cursor = 0;
  return input.windows.map((window) => {
    while (cursor < sorted.length && sorted[cursor]!.at < window.from) cursor++;
    const fresh: Arrival[] = [];
    let inside = 0;
    for (let i = cursor; i < sorted.length && sorted[i]!.at < window.to; i++) {
      inside++;
      if (!current.has(sorted[i]!.id)) fresh.push(sorted[i]!);
    }
    const moved = stateSets.map((set, index) => {
      const counts = new Map(base[index]);
      // Excluding a fresh arrival flips whether it differs from this state.
      for (const arrival of fresh) counts.set(arrival.level, (counts.get(arrival.level) ?? 0) + (set.has(arrival.id) ? -1 : 1));
      return counts;
    });
    return { problems: problemsOf(moved, input.minGroupSize), alreadyExcluded: inside > 0 && fresh.length === 0 };
  });
}

/** The refusal in words, naming each level by its label. */
export function describeExclusionProblems(problems: readonly ExclusionProblem[], minGroupSize: number, labels: ReadonlyMap<string, string>): string {
  const parts = problems.map((problem) => {
    const label = labels.get(problem.level) ?? problem.level;
    const people = `${problem.moved} response${problem.moved === 1 ? "" : "s"}`;
    return problem.against === "current"
      ? `it would change ${label} by ${people}`
      : `${label} would then differ by ${people} from the report as it stood after an earlier exclusion change`;
  });
  return (
    `This change is refused: ${parts.join("; ")}. A level's figures may only move by at least the minimum group (${minGroupSize}) at once, ` +
    "so that nobody's answers can be worked out from the difference. Choose a wider window, or one that leaves that level's arrivals out."
  );
}

/** A stretch of time on the arrivals chart: whole minutes, holding at least the minimum group of arrivals (all levels together). */
export interface ArrivalWindow extends ExclusionWindow {
  counts: Record<string, number>;
  total: number;
}

export const ARRIVAL_BUCKET_MS = 60_000;

/**
 * Arrivals over time, only as coarse as choosing a burst needs: per minute,
 * merged with the following minutes until a window holds at least the minimum
 * group of arrivals; a short tail joins the window before it. Minutes with no
 * arrivals fall between windows, so a run of windows covers exactly their
 * arrivals. With fewer arrivals than the minimum group in all, there is one
 * window (total below the minimum) that callers should not offer to exclude.
 */
export function arrivalWindows(arrivals: readonly Pick<Arrival, "level" | "at">[], minGroupSize: number, bucketMs = ARRIVAL_BUCKET_MS): ArrivalWindow[] {
  const sorted = [...arrivals].sort((a, b) => a.at - b.at);
  const windows: ArrivalWindow[] = [];
  let open: ArrivalWindow | null = null;
  for (const arrival of sorted) {
    const bucketStart = Math.floor(arrival.at / bucketMs) * bucketMs;
    if (open && open.total >= minGroupSize && bucketStart >= open.to) {
      windows.push(open);
      open = null;
    }
    open ??= { from: bucketStart, to: bucketStart + bucketMs, counts: {}, total: 0 };
    open.to = bucketStart + bucketMs;
    open.counts[arrival.level] = (open.counts[arrival.level] ?? 0) + 1;
    open.total += 1;
  }
  if (open) {
    const previous = windows.at(-1);
    if (open.total < minGroupSize && previous) {
      previous.to = open.to;
      previous.total += open.total;
      for (const [level, count] of Object.entries(open.counts)) previous.counts[level] = (previous.counts[level] ?? 0) + count;
    } else windows.push(open);
  }
  return windows;
}
