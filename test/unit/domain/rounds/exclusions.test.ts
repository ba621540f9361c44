import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  arrivalWindows,
  describeExclusionProblems,
  exclusionChangeProblems,
  exclusionStates,
  isExcluded,
  windowProblems,
  type Arrival,
  type ExclusionWindow,
} from "~/domain/rounds/exclusions";

const MINUTE = 60_000;
const T0 = Date.UTC(2027, 2, 1, 10, 0);
const at = (minute: number, second = 0) => T0 + minute * MINUTE + second * 1000;

/** `count` arrivals of a level in the given minute, with ids from `firstId`. */
function burst(level: string, minute: number, count: number, firstId: number): Arrival[] {
  return Array.from({ length: count }, (_, i) => ({ id: firstId + i, level, at: at(minute, i) }));
}

describe("isExcluded", () => {
  it("covers from its start up to, not including, its end", () => {
    const windows = [{ from: at(1), to: at(2) }];
    expect([at(0, 59), at(1), at(1, 59), at(2)].map((t) => isExcluded(t, windows))).toEqual([false, true, true, false]);
  });
});

describe("exclusionStates", () => {
  it("lists the empty start, then the exclusions in force after each change, in time order", () => {
    const a = { from: 1, to: 2, createdAt: 10, removedAt: 30 };
    const b = { from: 3, to: 4, createdAt: 20, removedAt: null };
    expect(exclusionStates([a, b])).toEqual([[], [{ from: 1, to: 2 }], [{ from: 1, to: 2 }, { from: 3, to: 4 }], [{ from: 3, to: 4 }]]);
  });
});

describe("exclusionChangeProblems: no figure moves by one person", () => {
  const arrivals = [...burst("board", 0, 5, 1), ...burst("board", 1, 1, 6), ...burst("front", 1, 5, 7)];

  it("allows excluding a burst that moves each level by the minimum group or more", () => {
    expect(exclusionChangeProblems({ arrivals, minGroupSize: 5, proposed: [{ from: at(0), to: at(1) }], states: [[]] })).toEqual([]);
  });

  it("refuses one that moves a level by fewer, naming the level and how many", () => {
    const problems = exclusionChangeProblems({ arrivals, minGroupSize: 5, proposed: [{ from: at(1), to: at(2) }], states: [[]] });
    expect(problems).toEqual([{ level: "board", moved: 1, against: "current" }]);
    expect(describeExclusionProblems(problems, 5, new Map([["board", "Board"]]))).toMatch(/^This change is refused: it would change Board by 1 response\. .*minimum group \(5\)/);
  });

  it("refuses undoing an exclusion when that moves a level by fewer than the minimum group", () => {
    // Excluded: minutes 0-1 (6 board, 5 front). Undoing it leaves nothing excluded: 6 and 5, allowed; but a state with only minute 1 excluded is one board response from the start.
    const both = [{ from: at(0), to: at(2) }];
    expect(exclusionChangeProblems({ arrivals, minGroupSize: 5, proposed: [], states: [[], both] })).toEqual([]);
    expect(exclusionChangeProblems({ arrivals, minGroupSize: 5, proposed: [{ from: at(1), to: at(2) }], states: [[], both] })).toEqual([
      { level: "board", moved: 1, against: "earlier" },
    ]);
  });

  it("compares with every earlier version: exclude 5, undo, exclude 6 would differ from the first by one person", () => {
    const five = { from: at(0), to: at(1) };
    const states = exclusionStates([{ ...five, createdAt: 1, removedAt: 2 }]);
    expect(states).toEqual([[], [five], []]);
    const six = { from: at(0), to: at(2) };
    expect(exclusionChangeProblems({ arrivals, minGroupSize: 5, proposed: [six], states })).toEqual([{ level: "board", moved: 1, against: "earlier" }]);
  });
});

describe("arrivalWindows", () => {
  it("merges whole minutes until a window holds the minimum group, and folds a short tail into the window before", () => {
    const arrivals = [...burst("board", 0, 3, 1), ...burst("front", 1, 2, 4), ...burst("front", 5, 6, 6), ...burst("board", 9, 1, 12)];
    expect(arrivalWindows(arrivals, 5)).toEqual([
      { from: at(0), to: at(2), counts: { board: 3, front: 2 }, total: 5 },
      { from: at(5), to: at(10), counts: { front: 6, board: 1 }, total: 7 },
    ]);
  });

  it("keeps everything in one window (below the minimum) until the minimum group has arrived", () => {
    expect(arrivalWindows(burst("board", 3, 4, 1), 5)).toEqual([{ from: at(3), to: at(4), counts: { board: 4 }, total: 4 }]);
    expect(arrivalWindows([], 5)).toEqual([]);
  });

  const arrivalsArbitrary = fc.array(fc.record({ level: fc.constantFrom("board", "front", "middle"), at: fc.integer({ min: T0, max: T0 + 90 * MINUTE }) }), { maxLength: 80 });

  it("covers every arrival exactly once, in disjoint whole-minute windows that each hold the minimum group (but a lone first one)", () => {
    fc.assert(
      fc.property(arrivalsArbitrary, fc.integer({ min: 3, max: 8 }), (arrivals, minGroupSize) => {
        const windows = arrivalWindows(arrivals, minGroupSize);
        for (const [i, window] of windows.entries()) {
          expect(window.from % MINUTE).toBe(0);
          expect(window.to % MINUTE).toBe(0);
          if (i > 0) expect(window.from).toBeGreaterThanOrEqual(windows[i - 1]!.to);
          if (windows.length > 1) expect(window.total).toBeGreaterThanOrEqual(minGroupSize);
          const inside = arrivals.filter((a) => a.at >= window.from && a.at < window.to);
          expect(inside.length).toBe(window.total);
          expect(Object.values(window.counts).reduce((a, b) => a + b, 0)).toBe(window.total);
        }
        expect(windows.reduce((sum, w) => sum + w.total, 0)).toBe(arrivals.length);
      }),
      { numRuns: 300 },
    );
  });

  it("windowProblems judges each window exactly as exclusionChangeProblems does (the oracle), only faster", () => {
    const states = (windows: ExclusionWindow[], picks: number[]) => {
      const chosen = picks.map((p) => windows[p % windows.length]!).filter(Boolean);
      // Each prefix of the picks, as the history of adding them one by one.
      return { active: chosen, states: chosen.map((_, i) => chosen.slice(0, i)).concat([chosen]) };
    };
    fc.assert(
      fc.property(arrivalsArbitrary, fc.integer({ min: 3, max: 6 }), fc.array(fc.nat(), { maxLength: 3 }), (raw, minGroupSize, picks) => {
        const arrivals = raw.map((a, id) => ({ ...a, id }));
        const windows = arrivalWindows(arrivals, minGroupSize);
        if (windows.length === 0) return;
        const history = states(windows, picks);
        const fast = windowProblems({ arrivals, minGroupSize, ...history, windows });
        windows.forEach((window, i) => {
          const oracle = exclusionChangeProblems({ arrivals, minGroupSize, proposed: [...history.active, window], states: history.states });
          expect(fast[i]!.problems).toEqual(oracle);
          const inside = arrivals.filter((a) => a.at >= window.from && a.at < window.to);
          expect(fast[i]!.alreadyExcluded).toBe(inside.length > 0 && inside.every((a) => isExcluded(a.at, history.active)));
        });
      }),
      { numRuns: 200 },
    );
  });
});
