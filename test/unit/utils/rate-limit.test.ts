import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, type Db } from "~db/client";
import { loadConfig } from "~/utils/config.server";
import { DatabaseStore, Limit } from "~/utils/rate-limit.server";
import { tempDatabase } from "../../support/database";

const SECRET = "unit-secret-0123456789abcdefghijklmnop";
let database: Awaited<ReturnType<typeof tempDatabase>>;
let now: number;
const clock = () => now;
beforeEach(async () => {
  database = await tempDatabase();
  now = Date.UTC(2027, 2, 1, 10, 0, 0);
});
afterEach(() => database.cleanup());

const store = (db: Db = database.db, windowMs = 10_000, prefix = "test") => new DatabaseStore({ db, prefix, secret: SECRET, clock, windowMs });

describe("DatabaseStore", () => {
  it("counts hits in a fixed window that starts at a key's first hit, then starts a new one", async () => {
    const counter = store();
    expect(await counter.increment("a")).toEqual({ totalHits: 1, resetTime: new Date(now + 10_000) });
    now += 9_999;
    expect((await counter.increment("a")).totalHits).toBe(2);
    expect((await counter.increment("b")).totalHits).toBe(1);
    now += 1; // the window of "a" has ended
    expect(await counter.get("a")).toBeUndefined();
    expect(await counter.increment("a")).toEqual({ totalHits: 1, resetTime: new Date(now + 10_000) });
  });

  it("gives hits back without going below zero or into an ended window, and forgets a key on reset", async () => {
    const counter = store();
    await counter.increment("a");
    await counter.increment("a");
    await counter.decrement("a");
    expect((await counter.get("a"))?.totalHits).toBe(1);
    await counter.decrement("a");
    await counter.decrement("a");
    expect((await counter.get("a"))?.totalHits).toBe(0);
    await counter.resetKey("a");
    expect(await counter.get("a")).toBeUndefined();
    expect((await counter.increment("a")).totalHits).toBe(1);
  });

  it("is shared by every instance on the same database file, each counting every hit once", async () => {
    const second = await openDatabase({ path: database.path! });
    try {
      const [one, two] = [store(database.db), store(second.db)];
      for (let i = 0; i < 10; i++) await (i % 2 ? one : two).increment("shared");
      expect((await one.get("shared"))?.totalHits).toBe(10);
      expect((await two.get("shared"))?.totalHits).toBe(10);
    } finally {
      await second.close();
    }
  });

  it("keeps different limits apart and stores no address or email in clear", async () => {
    await store(database.db, 10_000, "one").increment("203.0.113.9|4");
    await store(database.db, 10_000, "two").increment("203.0.113.9|4");
    await store(database.db, 10_000, "two").increment("ann@example.org");
    const keys = (await database.rows<{ key: string }>(sql`SELECT key FROM rate_limits`)).map((row) => row.key);
    expect(keys).toHaveLength(3);
    expect(keys.join(" ")).not.toMatch(/203\.0\.113|ann|example/);
  });

  it("says how long to wait by its own clock", async () => {
    const counter = store();
    const { resetTime } = await counter.increment("a");
    now += 2_500;
    expect(counter.secondsUntil(resetTime)).toBe(8);
  });
});

describe("Limit", () => {
  it("takes attempts up to the limit, then refuses until the window ends", async () => {
    const limit = new Limit(store(database.db, 60_000), 3);
    const taken: boolean[] = [];
    for (let i = 0; i < 3; i++) taken.push((await limit.take("k")).ok);
    expect(taken).toEqual([true, true, true]);
    expect(await limit.take("k")).toEqual({ ok: false, retryAfterSeconds: 60 });
    await limit.giveBack("k");
    await limit.giveBack("k");
    expect((await limit.take("k")).ok).toBe(true);
    now += 60_000;
    expect((await limit.take("k")).ok).toBe(true);
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

  it("lets at most 60 of any 200 requests within 10 s through, after any earlier traffic", { timeout: 120_000 }, async () => {
    // On the counters' connection, as the app's limits are: the same SQL without a disk flush per hit, so many alignments fit in the test.
    const counters = database.counters();
    const start = now;
    const earlier = fc.array(fc.integer({ min: 0, max: 60_000 }), { maxLength: 40 });
    const burstOffsets = fc.array(fc.integer({ min: 0, max: burst.windowMs - 1 }), { minLength: 200, maxLength: 200 });
    await fc.assert(
      fc.asyncProperty(earlier, fc.integer({ min: 0, max: 60_000 }), burstOffsets, async (before, gap, offsets) => {
        const counter = store(counters, burst.windowMs, `p${Math.random()}`);
        const take = async (at: number) => {
          now = at;
          return (await counter.increment("203.0.113.9|1")).totalHits <= burst.limit;
        };
        const priming = [...before].sort((a, b) => a - b).map((offset) => start + offset);
        for (const at of priming) await take(at);
        const burstStart = (priming.at(-1) ?? start) + gap;
        let accepted = 0;
        for (const offset of [...offsets].sort((a, b) => a - b)) if (await take(burstStart + offset)) accepted++;
        expect(accepted).toBeLessThanOrEqual(2 * burst.limit);
      }),
      { numRuns: 150 },
    );
  });

  it("reaches 60 when a burst straddles two windows (so the bound above is the real one)", async () => {
    const counter = store(database.db, burst.windowMs);
    const take = async (at: number) => {
      now = at;
      return (await counter.increment("k")).totalHits <= burst.limit;
    };
    const t0 = now;
    await take(t0); // one request opens a window 10 s before the burst's second half
    // 200 requests within 8.6 s: 29 in the last 29 ms of that window, 171 from the moment the next one opens.
    const offsets = [...Array.from({ length: 29 }, (_, i) => 9_971 + i), ...Array.from({ length: 171 }, (_, i) => 10_000 + i * 50)];
    expect(offsets.at(-1)! - offsets[0]!).toBeLessThan(10_000);
    let accepted = 0;
    for (const offset of offsets) if (await take(t0 + offset)) accepted++;
    expect(accepted).toBe(29 + 30);
    expect(accepted + 1).toBe(2 * burst.limit); // with the opening request: exactly twice the limit
  });
});
