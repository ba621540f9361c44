import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "~db/client";
import { loadConfig } from "~/utils/config.server";
import { DatabaseStore, Limit } from "~/utils/rate-limit.server";
import { tempDatabase } from "../../support/database";

const SECRET = "unit-secret-0123456789abcdefghijklmnop";
let database: ReturnType<typeof tempDatabase>;
let now: number;
const clock = () => now;
beforeEach(() => {
  database = tempDatabase();
  now = Date.UTC(2027, 2, 1, 10, 0, 0);
});
afterEach(() => database.cleanup());

const store = (handle: DatabaseHandle = database, windowMs = 10_000, prefix = "test") => new DatabaseStore({ db: handle.db, prefix, secret: SECRET, clock, windowMs });

describe("DatabaseStore", () => {
  it("counts hits in a fixed window that starts at a key's first hit, then starts a new one", () => {
    const counter = store();
    expect(counter.increment("a")).toEqual({ totalHits: 1, resetTime: new Date(now + 10_000) });
    now += 9_999;
    expect(counter.increment("a").totalHits).toBe(2);
    expect(counter.increment("b").totalHits).toBe(1);
    now += 1; // the window of "a" has ended
    expect(counter.get("a")).toBeUndefined();
    expect(counter.increment("a")).toEqual({ totalHits: 1, resetTime: new Date(now + 10_000) });
  });

  it("gives hits back without going below zero or into an ended window, and forgets a key on reset", () => {
    const counter = store();
    counter.increment("a");
    counter.increment("a");
    counter.decrement("a");
    expect(counter.get("a")?.totalHits).toBe(1);
    counter.decrement("a");
    counter.decrement("a");
    expect(counter.get("a")?.totalHits).toBe(0);
    counter.resetKey("a");
    expect(counter.get("a")).toBeUndefined();
    expect(counter.increment("a").totalHits).toBe(1);
  });

  it("is shared by every instance on the same database file, each counting every hit once", () => {
    const second = openDatabase(database.path);
    try {
      const [one, two] = [store(database), store(second)];
      for (let i = 0; i < 10; i++) (i % 2 ? one : two).increment("shared");
      expect(one.get("shared")?.totalHits).toBe(10);
      expect(two.get("shared")?.totalHits).toBe(10);
    } finally {
      second.close();
    }
  });

  it("keeps different limits apart and stores no address or email in clear", () => {
    store(database, 10_000, "one").increment("203.0.113.9|4");
    store(database, 10_000, "two").increment("203.0.113.9|4");
    store(database, 10_000, "two").increment("ann@example.org");
    const keys = (database.sqlite.prepare("SELECT key FROM rate_limits").all() as { key: string }[]).map((row) => row.key);
    expect(keys).toHaveLength(3);
    expect(keys.join(" ")).not.toMatch(/203\.0\.113|ann|example/);
  });

  it("says how long to wait by its own clock", () => {
    const counter = store();
    const { resetTime } = counter.increment("a");
    now += 2_500;
    expect(counter.secondsUntil(resetTime)).toBe(8);
  });
});

describe("Limit", () => {
  it("takes attempts up to the limit, then refuses until the window ends", () => {
    const limit = new Limit(store(database, 60_000), 3);
    expect([1, 2, 3].map(() => limit.take("k").ok)).toEqual([true, true, true]);
    expect(limit.take("k")).toEqual({ ok: false, retryAfterSeconds: 60 });
    limit.giveBack("k");
    limit.giveBack("k");
    expect(limit.take("k").ok).toBe(true);
    now += 60_000;
    expect(limit.take("k").ok).toBe(true);
  });
});

/**
 * The open-link default: 30 starts or submissions per address and level per
 * 10-second window (windows start at a key's first hit, as express-rate-limit's
 * own store does). A 10-second span overlaps at most two windows, so however a
 * burst lines up with them, at most 60 get through.
 */
describe("the open-link burst limit, whatever the alignment", () => {
  const { burst } = loadConfig({}).openLinkLimits;

  it("has the defaults the room and the burst tests assume", () => {
    expect(burst).toEqual({ limit: 30, windowMs: 10_000 });
  });

  it("lets at most 60 of any 200 requests within 10 s through, after any earlier traffic", { timeout: 120_000 }, () => {
    // In memory: the same SQL without a disk flush per hit, so many alignments fit in the test.
    const memory = openDatabase(":memory:");
    const start = now;
    const earlier = fc.array(fc.integer({ min: 0, max: 60_000 }), { maxLength: 40 });
    const burstOffsets = fc.array(fc.integer({ min: 0, max: burst.windowMs - 1 }), { minLength: 200, maxLength: 200 });
    fc.assert(
      fc.property(earlier, fc.integer({ min: 0, max: 60_000 }), burstOffsets, (before, gap, offsets) => {
        const counter = store(memory, burst.windowMs, `p${Math.random()}`);
        const take = (at: number) => {
          now = at;
          return counter.increment("203.0.113.9|1").totalHits <= burst.limit;
        };
        const priming = [...before].sort((a, b) => a - b).map((offset) => start + offset);
        priming.forEach(take);
        const burstStart = (priming.at(-1) ?? start) + gap;
        const accepted = [...offsets].sort((a, b) => a - b).filter((offset) => take(burstStart + offset)).length;
        expect(accepted).toBeLessThanOrEqual(2 * burst.limit);
      }),
      { numRuns: 150 },
    );
    memory.close();
  });

  it("reaches 60 when a burst straddles two windows (so the bound above is the real one)", () => {
    const counter = store(database, burst.windowMs);
    const take = (at: number) => {
      now = at;
      return counter.increment("k").totalHits <= burst.limit;
    };
    const t0 = now;
    take(t0); // one request opens a window 10 s before the burst's second half
    // 200 requests within 8.6 s: 29 in the last 29 ms of that window, 171 from the moment the next one opens.
    const offsets = [...Array.from({ length: 29 }, (_, i) => 9_971 + i), ...Array.from({ length: 171 }, (_, i) => 10_000 + i * 50)];
    expect(offsets.at(-1)! - offsets[0]!).toBeLessThan(10_000);
    const accepted = offsets.filter((offset) => take(t0 + offset)).length;
    expect(accepted).toBe(29 + 30);
    expect(accepted + 1).toBe(2 * burst.limit); // with the opening request: exactly twice the limit
  });
});
