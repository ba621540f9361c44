import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { levels, organisations, rounds, type Role } from "./schema";
import { currentCustomerInstrument, currentInstrument } from "~/domain/instrument/instruments";
import { scoreCustomerResponse } from "~/domain/instrument/customer-scoring";
import { simulateCustomerAnswers, type CustomerPlan } from "~/domain/statistics/simulate-customers";
import type { Instrument } from "~/domain/instrument/instrument";
import { createRandom, type Random } from "~/domain/statistics/random";
import { simulateAnswers, type LevelPlan } from "~/domain/statistics/simulate";
import { scoreResponse } from "~/domain/instrument/scoring";
import { importResponses } from "~/models/responses.server";
import { countOrganisations } from "~/models/organisations.server";
import { createRound, linkFor, type Level } from "~/models/rounds.server";
import { addMembership, createUser } from "~/models/users.server";
import { hashPassword } from "~/utils/password.server";

export const DEMO_ORGANISATION = "Northwind Retail";
const DAY = 24 * 60 * 60 * 1000;

/**
 * 004's retailer, as instrument.md's worked example, answered with the noise of
 * real questionnaires (statistics/simulate.ts): people at one level disagree,
 * some agree with everything, a few give one answer throughout, some cannot
 * tell. The board believes (and runs) retail and wants more social; the loyalty
 * team in middle management believes it runs relationship marketing while its
 * measures and incentives are retail; front-line sales quietly run key accounts.
 */
const shares = (key_account: number, relationship: number, retail: number, social: number) => ({ key_account, relationship, retail, social });
export const NORTHWIND_PLANS: Record<string, LevelPlan> = {
  board: {
    explicit: shares(0.05, 0.15, 0.7, 0.1),
    desired: shares(0.05, 0.15, 0.4, 0.4),
    enacted: shares(0.3, 0.45, 0.85, 0.3),
    said: shares(0.25, 0.45, 0.9, 0.35),
    concentration: 4,
    acquiescent: 0.15,
    dontKnow: 0.03,
  },
  senior: {
    explicit: shares(0.1, 0.2, 0.6, 0.1),
    desired: shares(0.1, 0.25, 0.45, 0.2),
    enacted: shares(0.35, 0.45, 0.8, 0.35),
    said: shares(0.3, 0.5, 0.85, 0.35),
    concentration: 4,
    acquiescent: 0.2,
    straightLiners: 0.05,
    dontKnow: 0.04,
  },
  middle: {
    explicit: shares(0.05, 0.55, 0.2, 0.2),
    desired: shares(0.05, 0.6, 0.15, 0.2),
    enacted: shares(0.25, 0.25, 0.8, 0.4),
    said: shares(0.25, 0.9, 0.4, 0.45),
    // The team tailors offers from card data (practice), but management watches availability and price (line of sight).
    facetShift: { practices: { relationship: 0.55, retail: -0.25 }, line_of_sight: { relationship: -0.2, retail: 0.15 } },
    concentration: 10,
    acquiescent: 0.25,
    straightLiners: 0.05,
    dontKnow: { beliefs: 0.02, practices: 0.03, line_of_sight: 0.12, structure_incentives: 0.05, customer_experience: 0.03 },
  },
  front: {
    explicit: shares(0.15, 0.25, 0.5, 0.1),
    desired: shares(0.2, 0.3, 0.35, 0.15),
    enacted: shares(0.85, 0.4, 0.75, 0.3),
    said: shares(0.35, 0.45, 0.8, 0.3),
    concentration: 8,
    acquiescent: 0.3,
    straightLiners: 0.06,
    dontKnow: { beliefs: 0.05, practices: 0.04, line_of_sight: 0.25, structure_incentives: 0.06, customer_experience: 0.04 },
  },
};

/**
 * Northwind's customers (issue 15): they get the retail machine (range, availability, price) and want to be
 * known and valued over time, as the loyalty team believes they already are (seeds 001 and 004).
 */
export const NORTHWIND_CUSTOMERS: CustomerPlan = {
  experienced: shares(0.3, 0.2, 0.85, 0.35),
  wanted: shares(0.1, 0.5, 0.3, 0.1),
  recommend: 6.5,
  concentration: 8,
  acquiescent: 0.2,
  straightLiners: 0.04,
  dontKnow: 0.06,
  comments: 0.35,
};
const DEMO_CUSTOMERS = 24;

const LEVELS = [
  { key: "board", label: "Board" },
  { key: "senior", label: "Senior managers" },
  { key: "middle", label: "Middle managers (loyalty and CRM)" },
  { key: "front", label: "Front line" },
];

async function addResponses(tx: Db, instrument: Instrument, random: Random, roundId: string, level: Level, count: number, when: Date) {
  const plan = NORTHWIND_PLANS[level.key]!;
  const records = Array.from({ length: count }, () => {
    const answers = simulateAnswers(instrument, plan, random);
    return { levelId: level.id, answers, scores: scoreResponse(instrument, answers) };
  });
  await importResponses(tx, roundId, records, { now: when, source: "web" });
}

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  password: string;
  passwordHash: string;
}

const DEMO_PEOPLE: { email: string; name: string; role: Role }[] = [
  { email: "admin@northwind.example", name: "Ada Admin", role: "admin" },
  { email: "facilitator@northwind.example", name: "Fay Facilitator", role: "facilitator" },
  { email: "consultant@northwind.example", name: "Cal Consultant", role: "consultant" },
];

/** One account per role. No password ships: it is the one given, or a fresh random one per account. */
export async function demoAccounts(password?: string): Promise<DemoAccount[]> {
  return Promise.all(
    DEMO_PEOPLE.map(async (person) => {
      const chosen = password ?? randomBytes(12).toString("base64url");
      return { ...person, password: chosen, passwordHash: await hashPassword(chosen) };
    }),
  );
}

export const DEMO_EMAILS = DEMO_PEOPLE.map((p) => ({ email: p.email, role: p.role }));

export interface DemoSummary {
  organisation: string;
  closedRoundId: string;
  openRoundId: string;
  surveyLinks: { level: string; link: string }[];
}

type DemoOptions = { now?: Date; seed?: string | number; accounts?: DemoAccount[] };
type DemoRounds = { closedRoundId: string; openRoundId: string };

/** Seeds the demo organisation; deterministic for a given seed (dates follow `now`). */
export async function seedDemo(db: Db, options: DemoOptions = {}): Promise<DemoRounds> {
  return db.transaction((tx) => seedInto(tx, options));
}

/**
 * Seeds the demo only into a database with no organisation, deciding inside the seeding transaction: instances
 * started together on one PostgreSQL database seed it once between them. Undefined when it was not empty.
 */
export async function seedDemoIfEmpty(db: Db, options: DemoOptions = {}): Promise<DemoRounds | undefined> {
  return db.transaction(async (tx) => ((await countOrganisations(tx)) === 0 ? seedInto(tx, options) : undefined));
}

async function seedInto(tx: Db, { now = new Date(), seed = "northwind", accounts = [] }: DemoOptions): Promise<DemoRounds> {
  const instrument = currentInstrument;
  const random = createRandom(seed);
  const instrumentRef = { id: instrument.id, version: instrument.version };
  const baseline = await createRound(tx, {
    organisationName: DEMO_ORGANISATION,
    name: "Baseline diagnostic",
    levels: LEVELS,
    minGroupSize: 5,
    instrument: instrumentRef,
    customerInstrument: { id: currentCustomerInstrument.id, version: currentCustomerInstrument.version },
    status: "closed",
    opensAt: new Date(now.getTime() - 80 * DAY),
    closesAt: new Date(now.getTime() - 50 * DAY),
    welcomeNote: "Thank you for taking part. Your answers help the leadership team see how Northwind really looks after its customers.",
  });
  const counts: Record<string, number> = { board: 7, senior: 9, middle: 12, front: 18 };
  for (const level of baseline.levels) {
    await addResponses(tx, instrument, random, baseline.round.id, level, counts[level.key]!, new Date(now.getTime() - 60 * DAY));
  }
  // A generator of their own, so the staff answers (and the staff story) are those of a round without customers.
  const customerRandom = createRandom(`${seed}:customers`);
  const customerRecords = Array.from({ length: DEMO_CUSTOMERS }, () => {
    const answers = simulateCustomerAnswers(currentCustomerInstrument, NORTHWIND_CUSTOMERS, customerRandom);
    return { levelId: baseline.customerLevel!.id, answers, scores: scoreCustomerResponse(currentCustomerInstrument, answers) };
  });
  await importResponses(tx, baseline.round.id, customerRecords, { now: new Date(now.getTime() - 58 * DAY), source: "web" });
  const followUp = await createRound(tx, {
    organisationName: DEMO_ORGANISATION,
    name: "Follow-up diagnostic",
    levels: LEVELS,
    minGroupSize: 5,
    instrument: instrumentRef,
    status: "open",
    opensAt: new Date(now.getTime() - 7 * DAY),
    closesAt: new Date(now.getTime() + 21 * DAY),
    welcomeNote: "Six months on from the baseline: the same questions, so we can see what has moved.",
    predecessorId: baseline.round.id,
  });
  // The senior managers are still below the minimum group size: the report shows them by count only.
  const followUpCounts: Record<string, number> = { board: 5, senior: 3, middle: 6, front: 8 };
  for (const level of followUp.levels) {
    await addResponses(tx, instrument, random, followUp.round.id, level, followUpCounts[level.key]!, new Date(now.getTime() - 2 * DAY));
  }
  for (const account of accounts) {
    const user = await createUser(tx, { email: account.email, name: account.name, role: account.role, passwordHash: account.passwordHash });
    if (account.role !== "admin") await addMembership(tx, user.id, baseline.round.organisationId);
  }
  return { closedRoundId: baseline.round.id, openRoundId: followUp.round.id };
}

/** Survey links of the demo's open round, to print at start-up (whether or not this start seeded it). */
export async function describeDemo(db: Db, baseUrl: string): Promise<DemoSummary | undefined> {
  // Oldest first: names repeat across workspaces, and the seeded organisation and rounds come before any made later.
  const [organisation] = await db
    .select()
    .from(organisations)
    .where(eq(organisations.name, DEMO_ORGANISATION))
    .orderBy(asc(organisations.createdAt), asc(organisations.id))
    .limit(1);
  if (!organisation) return undefined;
  const all = await db.select().from(rounds).where(eq(rounds.organisationId, organisation.id)).orderBy(asc(rounds.createdAt), asc(rounds.id));
  const open = all.find((r) => r.status === "open");
  const closed = all.find((r) => r.status === "closed");
  if (!open || !closed) return undefined;
  const openLevels = await db.select().from(levels).where(eq(levels.roundId, open.id)).orderBy(levels.position);
  return {
    organisation: organisation.name,
    closedRoundId: closed.id,
    openRoundId: open.id,
    surveyLinks: openLevels.map((level) => ({ level: level.label, link: linkFor(baseUrl, level.linkToken) })),
  };
}
