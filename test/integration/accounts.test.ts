import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "~db/schema";
import { findOrCreateOrganisation } from "~/models/organisations.server";
import { findUserByEmail, organisationIdsOf } from "~/models/users.server";
import { verifyPassword } from "~/utils/password.server";
import { createAccount, signedIn } from "../support/accounts";
import { cli } from "../support/cli";
import { databaseEnv } from "../support/database";
import { HttpClient } from "../support/http";
import { manualClock, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
const clock = manualClock();
beforeAll(async () => {
  // Behind a proxy on this machine, so each test can stand in for other addresses with X-Forwarded-For.
  server = await startTestServer({ TRUST_PROXY: "loopback" }, { clock });
});
afterAll(() => server.close());
const db = () => server.database.db;
const text = async (response: Response) => (await response.text()).replaceAll("<!-- -->", "");
/** A browser at another address (the trusted proxy on loopback forwards it). */
const from = (address: string) => new HttpClient(server.url, { "x-forwarded-for": address });
const signIn = (client: HttpClient, email: string, password: string) => client.postForm("/login", { email, password, redirectTo: "/orgs" });

describe("sign in and out", () => {
  it("sends a stranger to the sign-in page and back after signing in (a plain form, no JavaScript needed)", async () => {
    const account = await createAccount(db(), "facilitator");
    const client = new HttpClient(server.url);
    const page = await client.get("/orgs");
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/login?redirectTo=%2Forgs");
    const form = await text(await client.get("/login?redirectTo=%2Forgs"));
    expect(form).toMatch(/<form method="post"[^>]*>/);
    expect(form).toContain('name="email"');
    expect(form).toContain('name="password"');
    const signIn = await client.postForm("/login", { email: account.email.toUpperCase(), password: account.password, redirectTo: "/orgs" });
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get("location")).toBe("/orgs");
    const cookie = signIn.headers.get("set-cookie")!;
    expect(cookie).toMatch(/mg_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Secure/); // production over localhost
    expect((await client.get("/orgs")).status).toBe(200);
  });

  it("refuses a wrong password with a clear message and never redirects off-site", async () => {
    const account = await createAccount(db(), "consultant");
    const client = new HttpClient(server.url);
    const wrong = await client.postForm("/login", { email: account.email, password: "not-the-password" });
    expect(wrong.status).toBe(401);
    expect(await text(wrong)).toContain("That email and password do not match an account");
    const offsite = await client.postForm("/login", { email: account.email, password: account.password, redirectTo: "//evil.example/x" });
    expect(offsite.headers.get("location")).toBe("/orgs");
    const invalid = await new HttpClient(server.url).postForm("/login", { email: "not an email", password: "" });
    expect(invalid.status).toBe(400);
    expect(await text(invalid)).toContain("enter an email address such as name@example.org");
  });

  it("sends a signed-in person only to paths on this site, whatever redirectTo holds, and never answers a 500", async () => {
    const account = await createAccount(db(), "facilitator");
    const client = await signedIn(server.url, account);
    const cases: [string, string][] = [
      ["/%09/evil.example/phish", "/orgs"],
      ["//evil.example", "/orgs"],
      ["/%5Cevil.example", "/orgs"],
      ["/.//evil.example", "/orgs"],
      ["/%E6%97%A5%E6%9C%AC", "/%E6%97%A5%E6%9C%AC"],
      ["/orgs%0d%0aSet-Cookie:%20x=1", "/orgsSet-Cookie:%20x=1"], // line breaks dropped, as a browser would
      ["/login", "/orgs"],
    ];
    for (const [target, expected] of cases) {
      const visit = await client.get(`/login?redirectTo=${target}`);
      expect(visit.status, target).toBe(302);
      expect(visit.headers.get("location"), target).toBe(expected);
      const signIn = await client.postForm("/login", { email: account.email, password: account.password, redirectTo: decodeURIComponent(target) });
      expect(signIn.status, target).toBe(302);
      expect(signIn.headers.get("location"), target).toBe(expected);
      expect(signIn.headers.get("set-cookie")).not.toMatch(/x=1/);
    }
  });

  it("checks only 5 of 40 wrong passwords sent at once, then refuses that address, saying when to try again", async () => {
    const account = await createAccount(db(), "consultant");
    const guesses = await Promise.all(Array.from({ length: 40 }, () => signIn(from("203.0.113.10"), account.email, "wrong-password")));
    const statuses = guesses.map((response) => response.status);
    // A 401 is a password that was checked; a 429 was refused before its hash was computed.
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(35);

    const locked = await signIn(from("203.0.113.10"), account.email, account.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect(await text(locked)).toContain("Too many wrong passwords for this account from here. Try again in 15 minutes");
    // The real person, elsewhere, is not locked out.
    expect((await signIn(from("198.51.100.7"), account.email, account.password)).status).toBe(302);
    clock.advance(15 * 60_000);
    expect((await signIn(from("203.0.113.10"), account.email, account.password)).status).toBe(302);
  });

  it("slows a guesser spread over many addresses, but never a browser that has signed in before", async () => {
    const account = await createAccount(db(), "facilitator");
    const regular = from("192.0.2.1");
    expect((await signIn(regular, account.email, account.password)).status).toBe(302);
    expect(regular.cookieHeader()).toMatch(/mg_known=/);
    for (let i = 0; i < 10; i++) expect((await signIn(from(`198.51.100.${100 + i}`), account.email, "wrong-password")).status).toBe(401);
    const slowed = await signIn(from("198.51.100.120"), account.email, account.password);
    expect(slowed.status).toBe(429);
    expect(await text(slowed)).toMatch(/Many sign-in attempts for this account are arriving at once\. Try again in (\d+ seconds|1 minute);/);
    expect(Number(slowed.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect((await signIn(regular, account.email, account.password)).status).toBe(302);
    clock.advance(60_000);
    expect((await signIn(from("198.51.100.120"), account.email, account.password)).status).toBe(302);
  });

  it("limits failed sign-ins from one address across accounts, without holding back its regular users or other addresses", { timeout: 120_000 }, async () => {
    const account = await createAccount(db(), "consultant");
    const regular = from("203.0.113.50");
    expect((await signIn(regular, account.email, account.password)).status).toBe(302);
    const guesses = await Promise.all(Array.from({ length: 50 }, (_, i) => signIn(from("203.0.113.50"), `nobody${i}@example.org`, "wrong-password")));
    expect(guesses.every((response) => response.status === 401)).toBe(true);
    const refused = await signIn(from("203.0.113.50"), account.email, account.password);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await text(refused)).toContain("Too many failed sign-ins from your network. Try again in 15 minutes");
    expect((await signIn(regular, account.email, account.password)).status).toBe(302);
    expect((await signIn(from("203.0.113.51"), account.email, account.password)).status).toBe(302);
    clock.advance(15 * 60_000);
  });

  it("counts the connection's own address when no proxy is trusted, whatever X-Forwarded-For says", async () => {
    const direct = await startTestServer();
    try {
      const account = await createAccount(direct.database.db, "consultant");
      const forged = (i: number) => new HttpClient(direct.url, { "x-forwarded-for": `198.51.100.${i}` });
      for (let i = 0; i < 5; i++) expect((await signIn(forged(i), account.email, "wrong-password")).status).toBe(401);
      expect((await signIn(forged(99), account.email, account.password)).status).toBe(429);
    } finally {
      await direct.close();
    }
  });

  it("rotates the session on sign-in and ends it on the server at sign-out", async () => {
    const account = await createAccount(db(), "facilitator");
    const client = await signedIn(server.url, account);
    const firstCookie = client.cookieHeader();
    const again = await client.postForm("/login", { email: account.email, password: account.password });
    expect(again.status).toBe(302);
    expect(client.cookieHeader()).not.toBe(firstCookie);
    const stolen = new HttpClient(server.url);
    stolen.setCookieHeader(firstCookie);
    expect((await stolen.get("/orgs")).status).toBe(302); // the replaced session no longer works
    const current = client.cookieHeader();
    expect((await client.postForm("/logout")).headers.get("location")).toBe("/login");
    const copied = new HttpClient(server.url);
    copied.setCookieHeader(current);
    expect((await copied.get("/orgs")).status).toBe(302);
    expect((await db().select().from(sessions)).some((s) => s.userId === account.id)).toBe(false);
  });
});

describe("organisations", () => {
  it("lets a facilitator create an organisation and assigns them to it", async () => {
    const account = await createAccount(db(), "facilitator");
    const client = await signedIn(server.url, account);
    const name = `Org ${Date.now()}`;
    const created = await client.postForm("/orgs", { name });
    expect(created.status).toBe(302);
    const id = created.headers.get("location")!.split("/").pop()!;
    expect(await organisationIdsOf(db(), account.id)).toEqual([id]);
    const duplicate = await client.postForm("/orgs", { name: ` ${name.toUpperCase()} ` });
    expect(duplicate.status).toBe(409);
    expect(await text(duplicate)).toContain(`you already have an organisation called “${name}”`);
    const empty = await client.postForm("/orgs", { name: "  " });
    expect(empty.status).toBe(400);
    expect(await text(empty)).toContain("give the organisation a name");
  });

  it("does not let a consultant create organisations", async () => {
    const client = await signedIn(server.url, await createAccount(db(), "consultant"));
    expect((await client.postForm("/orgs", { name: "Nope" })).status).toBe(403);
  });
});

describe("admin pages", () => {
  it("creates an account with a generated password shown once, then resets it and changes assignments", async () => {
    const admin = await signedIn(server.url, await createAccount(db(), "admin"));
    const org = await findOrCreateOrganisation(db(), `Assigned ${Date.now()}`);
    const form = new URLSearchParams({ email: `new-${Date.now()}@example.org`, name: "New Person", role: "consultant", password: "" });
    form.append("organisationId", org.id);
    const created = await admin.request("/admin/users", { method: "POST", body: form });
    expect(created.status).toBe(200);
    const page = await text(created);
    const password = /Their password is <code>([^<]+)<\/code>/.exec(page)![1]!;
    const user = (await findUserByEmail(db(), form.get("email")!))!;
    expect(await verifyPassword(password, user.passwordHash)).toBe(true);
    expect(await organisationIdsOf(db(), user.id)).toEqual([org.id]);

    const reset = await admin.postForm(`/admin/users/${user.id}`, { intent: "password", password: "a-brand-new-password" });
    expect(reset.status).toBe(200);
    expect(await verifyPassword("a-brand-new-password", (await findUserByEmail(db(), user.email))!.passwordHash)).toBe(true);
    const tooShort = await admin.postForm(`/admin/users/${user.id}`, { intent: "password", password: "short" });
    expect(tooShort.status).toBe(400);
    expect(await text(tooShort)).toContain("use at least 10 characters");
    const weak = await admin.postForm(`/admin/users/${user.id}`, { intent: "password", password: "aaaaaaaaaa" });
    expect(weak.status).toBe(400);
    expect(await text(weak)).toContain("this password is too easy to guess (repeated characters");
    expect(await verifyPassword("a-brand-new-password", (await findUserByEmail(db(), user.email))!.passwordHash)).toBe(true);
    const weakNew = await admin.postForm("/admin/users", { email: `weak-${Date.now()}@example.org`, role: "consultant", password: "password123" });
    expect(weakNew.status).toBe(400);
    expect(await text(weakNew)).toContain("four or more unrelated words");

    const access = await admin.postForm(`/admin/users/${user.id}`, { intent: "access", role: "facilitator" });
    expect(access.status).toBe(302);
    expect((await findUserByEmail(db(), user.email))!.role).toBe("facilitator");
    expect(await organisationIdsOf(db(), user.id)).toEqual([]);

    const duplicate = await admin.postForm("/admin/users", { email: user.email, role: "consultant" });
    expect(duplicate.status).toBe(409);
  });
});

describe("user create on the command line", () => {
  it("reads the password from MODELGAP_PASSWORD or standard input, never a flag", async () => {
    const env = databaseEnv(server.database);
    const org = await findOrCreateOrganisation(db(), "CLI Org");
    const fromEnv = await cli(["user", "create", "--email", "cli1@example.org", "--role", "consultant", "--org", "CLI Org"], { ...env, MODELGAP_PASSWORD: "env-password-123" });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.json()).toMatchObject({ email: "cli1@example.org", role: "consultant", organisations: ["CLI Org"] });
    const user = (await findUserByEmail(db(), "cli1@example.org"))!;
    expect(await organisationIdsOf(db(), user.id)).toEqual([org.id]);
    expect(await verifyPassword("env-password-123", user.passwordHash)).toBe(true);
    const fromStdin = await cli(["user", "create", "--email", "cli2@example.org", "--role", "admin"], env, "stdin-password-123\n");
    expect(fromStdin.code).toBe(0);
    expect(await verifyPassword("stdin-password-123", (await findUserByEmail(db(), "cli2@example.org"))!.passwordHash)).toBe(true);
    const flag = await cli(["user", "create", "--email", "cli3@example.org", "--role", "admin", "--password", "x"], env);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("unknown option '--password'");
    const none = await cli(["user", "create", "--email", "cli3@example.org", "--role", "admin"], env, "");
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("no password given: set MODELGAP_PASSWORD or pipe it on standard input");
    const role = await cli(["user", "create", "--email", "cli3@example.org", "--role", "owner"], { ...env, MODELGAP_PASSWORD: "long-enough-1" });
    expect(role.stderr).toContain("--role: choose admin, facilitator or consultant");
    expect(await findUserByEmail(db(), "cli3@example.org")).toBeUndefined();
  });

  it("refuses a password that is easy to guess, on create and on change, saying what makes a good one", async () => {
    const env = databaseEnv(server.database);
    const weak = await cli(["user", "create", "--email", "weak@example.org", "--role", "consultant"], { ...env, MODELGAP_PASSWORD: "aaaaaaaaaa" });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toBe(
      "error: password: this password is too easy to guess (repeated characters like \"aaa\" are easy to guess). Use a longer passphrase: four or more unrelated words, or a mix that is not a name, a date, a keyboard row or repeated characters.\n",
    );
    expect(await findUserByEmail(db(), "weak@example.org")).toBeUndefined();
    const own = await cli(["user", "create", "--email", "zorblax.quintavius@example.org", "--role", "consultant"], { ...env, MODELGAP_PASSWORD: "zorblaxquintavius" });
    expect(own.stderr).toContain("too easy to guess");
    const account = await createAccount(db(), "consultant");
    const change = await cli(["user", "password", "--email", account.email], { ...env, MODELGAP_PASSWORD: "qwertyuiop" });
    expect(change.code).toBe(1);
    expect(change.stderr).toContain("password: this password is too easy to guess");
    expect(await verifyPassword(account.password, (await findUserByEmail(db(), account.email))!.passwordHash)).toBe(true);
  });
});
