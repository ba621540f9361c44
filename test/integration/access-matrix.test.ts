import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInvitation } from "~/models/invitations.server";
import { createAccount, signedIn } from "../support/accounts";
import { createTestRound } from "../support/factories";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";

/**
 * Walks every route of the built app as each role and as a stranger, on the
 * organisation the role is assigned to ("own") and on one it is not ("foreign"),
 * and asserts what each may see. A route missing from this table fails the test.
 */
type Actor = "stranger" | "admin" | "facilitator" | "consultant";
type Expect = Record<Actor, number>;
interface RouteCase {
  url: (ids: Ids) => string;
  get: Expect;
  /** Status of an empty POST, when the route has an action. */
  post?: Expect;
  /** For organisation-scoped routes: the same URL on an organisation the facilitator and consultant are not assigned to. */
  foreign?: boolean;
}
interface Ids {
  orgId: string;
  roundId: string;
  token: string;
  invitationToken: string;
  userId: string;
}

const all = (status: number): Expect => ({ stranger: status, admin: status, facilitator: status, consultant: status });
const signedInOnly = (status: number): Expect => ({ stranger: 302, admin: status, facilitator: status, consultant: status });
const managers = (status: number, stranger = 302): Expect => ({ stranger, admin: status, facilitator: status, consultant: 403 });
const adminsOnly = (status: number): Expect => ({ stranger: 302, admin: status, facilitator: 404, consultant: 404 });
const erasers = (status: number): Expect => ({ stranger: 302, admin: status, facilitator: 403, consultant: 403 });

const ROUTES: Record<string, RouteCase | "layout"> = {
  root: "layout",
  "routes/_staff": "layout",
  "routes/_index": { url: () => "/", get: { stranger: 200, admin: 302, facilitator: 302, consultant: 302 } },
  // A signed-in person is sent on from the sign-in page, whatever they post.
  "routes/login": { url: () => "/login", get: { stranger: 200, admin: 302, facilitator: 302, consultant: 302 }, post: { stranger: 400, admin: 302, facilitator: 302, consultant: 302 } },
  "routes/logout": { url: () => "/logout", get: all(302), post: all(302) },
  "routes/_staff.orgs._index": { url: () => "/orgs", get: signedInOnly(200), post: { stranger: 302, admin: 400, facilitator: 400, consultant: 403 } },
  "routes/_staff.orgs.$orgId._index": { url: (i) => `/orgs/${i.orgId}`, get: signedInOnly(200), foreign: true },
  "routes/_staff.orgs.$orgId.rounds.new": { url: (i) => `/orgs/${i.orgId}/rounds/new`, get: managers(200), post: managers(400), foreign: true },
  "routes/_staff.rounds.$roundId._index": { url: (i) => `/rounds/${i.roundId}`, get: signedInOnly(200), post: managers(400), foreign: true },
  "routes/_staff.rounds.$roundId.edit": { url: (i) => `/rounds/${i.roundId}/edit`, get: managers(200), post: managers(400), foreign: true },
  "routes/_staff.rounds.$roundId.invitations": { url: (i) => `/rounds/${i.roundId}/invitations`, get: managers(200), post: managers(400), foreign: true },
  // Arrivals over time and exclusions: the people who run the round.
  "routes/_staff.rounds.$roundId.exclusions": { url: (i) => `/rounds/${i.roundId}/exclusions`, get: managers(200), post: managers(400), foreign: true },
  // Erasure: admins only; a facilitator or consultant of the organisation is refused (403), elsewhere it is hidden (404).
  "routes/_staff.rounds.$roundId.delete": { url: (i) => `/rounds/${i.roundId}/delete`, get: erasers(200), post: erasers(400), foreign: true },
  "routes/_staff.orgs.$orgId.delete": { url: (i) => `/orgs/${i.orgId}/delete`, get: erasers(200), post: erasers(400), foreign: true },
  // Reports: every role may read; notes need report.annotate (admins and consultants).
  "routes/_staff.rounds.$roundId.report": {
    url: (i) => `/rounds/${i.roundId}/report`,
    get: signedInOnly(200),
    post: { stranger: 302, admin: 400, facilitator: 403, consultant: 400 },
    foreign: true,
  },
  // Taking the survey as a level would, storing nothing: everyone who may see the round.
  "routes/rounds.$roundId.preview.$levelKey": { url: (i) => `/rounds/${i.roundId}/preview/board`, get: signedInOnly(200), post: { ...signedInOnly(400), stranger: 302 }, foreign: true },
  "routes/rounds.$roundId.report.print": { url: (i) => `/rounds/${i.roundId}/report/print`, get: signedInOnly(200), foreign: true },
  "routes/rounds.$roundId.report[.]json": { url: (i) => `/rounds/${i.roundId}/report.json`, get: { ...signedInOnly(200), stranger: 401 }, foreign: true },
  "routes/rounds.$roundId.report[.]csv": { url: (i) => `/rounds/${i.roundId}/report.csv`, get: { ...signedInOnly(200), stranger: 401 }, foreign: true },
  "routes/rounds.$roundId.report[.]pptx": { url: (i) => `/rounds/${i.roundId}/report.pptx`, get: { ...signedInOnly(200), stranger: 401 }, foreign: true },
  "routes/rounds.$roundId.report.islands[.]json": { url: (i) => `/rounds/${i.roundId}/report/islands.json`, get: { ...signedInOnly(200), stranger: 401 }, foreign: true },
  // The intended mix: every role that reads reports may record it; an empty post names what is missing.
  "routes/_staff.rounds.$roundId.strategy": { url: (i) => `/rounds/${i.roundId}/strategy`, get: signedInOnly(200), post: { stranger: 302, admin: 400, facilitator: 400, consultant: 400 }, foreign: true },
  "routes/_staff.admin.users._index": { url: () => "/admin/users", get: adminsOnly(200), post: adminsOnly(400) },
  "routes/_staff.admin.users.$userId": { url: (i) => `/admin/users/${i.userId}`, get: adminsOnly(200), post: adminsOnly(400) },
  // The respondent's pages answer to the link, not to an account: the same for everyone.
  "routes/r.$token._index": { url: (i) => `/r/${i.token}`, get: all(200) },
  "routes/r.$token.survey": { url: (i) => `/r/${i.invitationToken}/survey`, get: all(302) },
  "routes/r.$token.thanks": { url: (i) => `/r/${i.token}/thanks`, get: all(302) },
  "routes/r.$token.save": { url: (i) => `/r/${i.token}/save`, get: all(405), post: all(415) },
  // Where a refused open-link request is shown its page; counting held responses back in is for those who run the round.
  "routes/too-many-requests": { url: () => "/too-many-requests", get: all(429), post: all(429) },
  "routes/rounds.$roundId.held-responses": { url: (i) => `/rounds/${i.roundId}/held-responses`, get: all(302), post: managers(400), foreign: true },
};

let server: TestServer;
let own: Ids;
let foreign: Ids;
const clients = {} as Record<Actor, HttpClient>;
const accounts = {} as Record<Exclude<Actor, "stranger">, { email: string; password: string }>;

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  const setUp = async (name: string) => {
    const { round, levels } = await createTestRound(db, { organisationName: name });
    const invitation = await createInvitation(db, { roundId: round.id, levelId: levels[0]!.id, email: `${name}@example.org` });
    return { orgId: round.organisationId, roundId: round.id, token: levels[0]!.linkToken, invitationToken: invitation.token };
  };
  const a = await setUp("Assigned Org");
  const b = await setUp("Foreign Org");
  const [admin, facilitator, consultant] = await Promise.all([
    createAccount(db, "admin"),
    createAccount(db, "facilitator", [a.orgId]),
    createAccount(db, "consultant", [a.orgId]),
  ]);
  own = { ...a, userId: consultant.id };
  foreign = { ...b, userId: consultant.id };
  Object.assign(accounts, { admin, facilitator, consultant });
  clients.stranger = new HttpClient(server.url);
  clients.admin = await signedIn(server.url, admin);
  clients.facilitator = await signedIn(server.url, facilitator);
  clients.consultant = await signedIn(server.url, consultant);
});
afterAll(() => server.close());

describe("access matrix", () => {
  it("has an expectation for every route of the built app", async () => {
    const build = (await import(pathToFileURL(resolve("build/server/index.js")).href)) as ServerBuild;
    expect(Object.keys(ROUTES).sort()).toEqual(Object.keys(build.routes).sort());
  });

  const actors: Actor[] = ["stranger", "admin", "facilitator", "consultant"];
  for (const [id, route] of Object.entries(ROUTES)) {
    if (route === "layout") continue;
    it(`${id}: each role sees what it may`, async () => {
      const seen: Record<string, number> = {};
      const expected: Record<string, number> = {};
      for (const actor of actors) {
        // Sign-out would end the session the next checks need: use a throwaway client for it.
        const client = id === "routes/logout" && actor !== "stranger" ? await signedInCopy(actor) : clients[actor];
        seen[`GET ${actor}`] = (await client.get(route.url(own))).status;
        expected[`GET ${actor}`] = route.get[actor];
        if (route.post) {
          const postClient = id === "routes/logout" && actor !== "stranger" ? await signedInCopy(actor) : clients[actor];
          seen[`POST ${actor}`] = (await postClient.request(route.url(own), { method: "POST", body: new URLSearchParams() })).status;
          expected[`POST ${actor}`] = route.post[actor];
        }
        if (route.foreign) {
          seen[`GET foreign ${actor}`] = (await client.get(route.url(foreign))).status;
          expected[`GET foreign ${actor}`] = actor === "facilitator" || actor === "consultant" ? 404 : route.get[actor];
          if (route.post) {
            seen[`POST foreign ${actor}`] = (await client.request(route.url(foreign), { method: "POST", body: new URLSearchParams() })).status;
            expected[`POST foreign ${actor}`] = actor === "facilitator" || actor === "consultant" ? 404 : route.post[actor];
          }
        }
      }
      expect(seen).toEqual(expected);
    });
  }

  it("answers a guessed id the same as a hidden one", async () => {
    for (const path of ["/orgs/doesnotexist", "/rounds/doesnotexist", "/rounds/doesnotexist/exclusions", "/rounds/doesnotexist/delete", "/rounds/doesnotexist/report.json"]) {
      expect((await clients.facilitator.get(path)).status).toBe(404);
      expect((await clients.admin.get(path)).status).toBe(404);
    }
  });

  it("has no export of personal links or of who has not answered any more", async () => {
    for (const path of [`/rounds/${own.roundId}/invitations.csv`, `/rounds/${own.roundId}/reminders.csv`]) {
      expect((await clients.facilitator.get(path)).status).toBe(404);
      expect((await clients.admin.get(path)).status).toBe(404);
    }
  });

  it("never shows a foreign organisation in a list", async () => {
    const page = await (await clients.facilitator.get("/orgs")).text();
    expect(page).toContain("Assigned Org");
    expect(page).not.toContain("Foreign Org");
    expect(await (await clients.admin.get("/orgs")).text()).toContain("Foreign Org");
  });
});

/** A second session for the same person (signing in again), so signing it out leaves the shared one alone. */
function signedInCopy(actor: Exclude<Actor, "stranger">): Promise<HttpClient> {
  return signedIn(server.url, accounts[actor]);
}
