import { describe, expect, it } from "vitest";
import { groupRefusedBursts } from "~/domain/rounds/refused-bursts";

const at = (hh: number, mm: number) => Date.UTC(2027, 2, 1, hh, mm);

describe("groupRefusedBursts", () => {
  it("joins one address's refusals on a level in neighbouring minutes, newest burst first", () => {
    const bursts = groupRefusedBursts([
      { levelId: 1, minute: at(10, 1), addressHash: "a", refused: 40 },
      { levelId: 1, minute: at(10, 2), addressHash: "a", refused: 70 },
      { levelId: 1, minute: at(10, 4), addressHash: "a", refused: 30 }, // one quiet minute between: the same burst
      { levelId: 1, minute: at(10, 9), addressHash: "a", refused: 5 }, // four quiet minutes: a new one
      { levelId: 1, minute: at(10, 2), addressHash: "b", refused: 3 }, // another address
      { levelId: 2, minute: at(10, 2), addressHash: "a", refused: 8 }, // another level
    ]);
    expect(bursts).toEqual([
      { levelId: 1, from: at(10, 9), to: at(10, 9), refused: 5 },
      { levelId: 1, from: at(10, 2), to: at(10, 2), refused: 3 },
      { levelId: 2, from: at(10, 2), to: at(10, 2), refused: 8 },
      { levelId: 1, from: at(10, 1), to: at(10, 4), refused: 140 },
    ]);
  });

  it("reads rows in any order and gives nothing for nothing", () => {
    expect(groupRefusedBursts([])).toEqual([]);
    const shuffled = groupRefusedBursts([
      { levelId: 1, minute: at(10, 3), addressHash: "a", refused: 1 },
      { levelId: 1, minute: at(10, 1), addressHash: "a", refused: 1 },
    ]);
    expect(shuffled).toEqual([{ levelId: 1, from: at(10, 1), to: at(10, 3), refused: 2 }]);
  });
});
