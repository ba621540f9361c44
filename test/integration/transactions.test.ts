import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeHeartbeat } from "~db/health";
import { seedDemo } from "~db/seed";
import { currentInstrument } from "~/domain/instrument/instruments";
import { scoreResponse } from "~/domain/instrument/scoring";
import { importInvitations } from "~/models/invitations.server";
import { findJourney } from "~/models/journey.server";
import { recordRefusal, releaseHeld } from "~/models/open-links.server";
import { createOrganisation } from "~/models/organisations.server";
import { countHit } from "~/models/rate-limits.server";
import { importResponses, saveDraft, startResponse, submitResponse } from "~/models/responses.server";
import { changeRoundStatus, cloneRound, regenerateLevelLink, updateRound } from "~/models/rounds.server";
import { createUser, setMemberships, setPassword } from "~/models/users.server";
import { tempDatabase } from "../support/database";
import { completeAnswers, createTestRound } from "../support/factories";

/**
 * README: "BEGIN IMMEDIATE for every write transaction". A deferred
 * transaction that reads and then writes fails with SQLITE_BUSY (no waiting)
 * when another process wrote in between; an immediate one takes the write lock
 * first and waits its turn.
 */
let database: ReturnType<typeof tempDatabase>;
let begun: string[];
beforeEach(() => {
  database = tempDatabase();
  begun = [];
  // Watch which kind of transaction each model function asks better-sqlite3 (not our code) for.
  const { sqlite } = database;
  const original = sqlite.transaction.bind(sqlite);
  sqlite.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const tx = original(fn);
    const record = (kind: "deferred" | "immediate" | "exclusive") => (...args: unknown[]) => (begun.push(kind), tx[kind](...args));
    return Object.assign(record("deferred"), { deferred: record("deferred"), immediate: record("immediate"), exclusive: record("exclusive") });
  }) as typeof sqlite.transaction;
});
afterEach(() => database.cleanup());

describe("write transactions", () => {
  it("all begin immediate: rounds, users, organisations, responses, invitations, limits and the demo seed", async () => {
    const db = database.db;
    const user = createUser(db, { email: "ann@example.org", role: "facilitator", passwordHash: "x" });
    const organisation = createOrganisation(db, "Acme", { id: user.id, role: "facilitator", organisationIds: [] });
    setPassword(db, user.id, "y");
    setMemberships(db, user.id, [organisation.id]);
    const { round, levels } = createTestRound(db, { organisationId: organisation.id });
    updateRound(db, round.id, { name: "Renamed", instrument: { id: round.instrumentId, version: round.instrumentVersion }, minGroupSize: 5, opensAt: null, closesAt: null, welcomeNote: "" }, null);
    changeRoundStatus(db, round.id, "open");
    cloneRound(db, round.id, "Next");
    regenerateLevelLink(db, round.id, levels[1]!.id);
    const journey = findJourney(db, levels[0]!.linkToken)!;
    const started = startResponse(db, journey, undefined);
    if (started.outcome !== "draft") throw new Error("expected a draft");
    saveDraft(db, started.response.id, { alloc_now: { retail: 100 } }, 1);
    const answers = completeAnswers(1);
    submitResponse(db, journey, started.response.resumeToken!, answers, scoreResponse(currentInstrument, answers));
    importResponses(db, round.id, [{ levelId: levels[0]!.id, answers, scores: scoreResponse(currentInstrument, answers) }]);
    importInvitations(db, round.id, [{ email: "erin@example.org", levelId: levels[0]!.id, name: null }]);
    countHit(db, "key", 10_000, Date.now());
    recordRefusal(db, { roundId: round.id, levelId: levels[0]!.id, addressHash: "h", at: Date.now(), since: 0 });
    releaseHeld(db, round.id, levels[0]!.id);
    seedDemo(db);
    writeHeartbeat(database.sqlite);
    expect(begun.length).toBeGreaterThanOrEqual(19); // nested ones are savepoints inside these

    expect(begun.filter((kind) => kind !== "immediate")).toEqual([]);
  });

  it("are declared immediate everywhere in the source, so a new one cannot forget", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
      });
    const calls: { file: string; call: string }[] = [];
    for (const file of [...files("app"), ...files("db")]) {
      const source = readFileSync(file, "utf8");
      for (let at = source.indexOf(".transaction("); at >= 0; at = source.indexOf(".transaction(", at + 1)) {
        // The call's text, up to its balanced closing parenthesis, and what follows it.
        let depth = 0;
        let end = at + ".transaction".length;
        do {
          if (source[end] === "(") depth++;
          if (source[end] === ")") depth--;
          end++;
        } while (depth > 0 && end < source.length);
        calls.push({ file, call: source.slice(at, end + ".immediate()".length) });
      }
    }
    expect(calls.length).toBeGreaterThan(10);
    const deferred = calls.filter(({ call }) => !call.includes('{ behavior: "immediate" }') && !call.endsWith(").immediate()"));
    expect(deferred.map(({ file, call }) => `${file}: ${call.slice(0, 60)}`)).toEqual([]);
  });
});
