import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "~db/schema";
import { findOrCreateOrganisation } from "~/models/organisations.server";
import { findUserByEmail, organisationIdsOf } from "~/models/users.server";
import { verifyPassword } from "~/utils/password.server";
import { createAccount, signedIn } from "../support/accounts";
import { cli } from "../support/cli";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
const db = () => server.database.db;
const text = async (response: Response) => (await response.text()).replaceAll("<!-- -->", "");

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

  it("rate-limits failed sign-ins per account, even with the right password afterwards", async () => {
    const account = await createAccount(db(), "consultant");
    for (let i = 0; i < 5; i++) expect((await new HttpClient(server.url).postForm("/login", { email: account.email, password: "wrong-password" })).status).toBe(401);
    const locked = await new HttpClient(server.url).postForm("/login", { email: account.email, password: account.password });
    expect(locked.status).toBe(429);
    expect(await text(locked)).toMatch(/Too many failed sign-ins\. Wait 1[45] minutes/);
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
    expect(db().select().from(sessions).all().some((s) => s.userId === account.id)).toBe(false);
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
    expect(organisationIdsOf(db(), account.id)).toEqual([id]);
    const duplicate = await client.postForm("/orgs", { name });
    expect(duplicate.status).toBe(409);
    expect(await text(duplicate)).toContain("an organisation with this name already exists");
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
    const org = findOrCreateOrganisation(db(), `Assigned ${Date.now()}`);
    const form = new URLSearchParams({ email: `new-${Date.now()}@example.org`, name: "New Person", role: "consultant", password: "" });
    form.append("organisationId", org.id);
    const created = await admin.request("/admin/users", { method: "POST", body: form });
    expect(created.status).toBe(200);
    const page = await text(created);
    const password = /Their password is <code>([^<]+)<\/code>/.exec(page)![1]!;
    const user = findUserByEmail(db(), form.get("email")!)!;
    expect(await verifyPassword(password, user.passwordHash)).toBe(true);
    expect(organisationIdsOf(db(), user.id)).toEqual([org.id]);

    const reset = await admin.postForm(`/admin/users/${user.id}`, { intent: "password", password: "a-brand-new-password" });
    expect(reset.status).toBe(200);
    expect(await verifyPassword("a-brand-new-password", findUserByEmail(db(), user.email)!.passwordHash)).toBe(true);
    const tooShort = await admin.postForm(`/admin/users/${user.id}`, { intent: "password", password: "short" });
    expect(tooShort.status).toBe(400);
    expect(await text(tooShort)).toContain("use at least 10 characters");

    const access = await admin.postForm(`/admin/users/${user.id}`, { intent: "access", role: "facilitator" });
    expect(access.status).toBe(302);
    expect(findUserByEmail(db(), user.email)!.role).toBe("facilitator");
    expect(organisationIdsOf(db(), user.id)).toEqual([]);

    const duplicate = await admin.postForm("/admin/users", { email: user.email, role: "consultant" });
    expect(duplicate.status).toBe(409);
  });
});

describe("user create on the command line", () => {
  it("reads the password from MODELGAP_PASSWORD or standard input, never a flag", async () => {
    const env = { DATABASE_PATH: server.database.path };
    const org = findOrCreateOrganisation(db(), "CLI Org");
    const fromEnv = await cli(["user", "create", "--email", "cli1@example.org", "--role", "consultant", "--org", "CLI Org"], { ...env, MODELGAP_PASSWORD: "env-password-123" });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.json()).toMatchObject({ email: "cli1@example.org", role: "consultant", organisations: ["CLI Org"] });
    const user = findUserByEmail(db(), "cli1@example.org")!;
    expect(organisationIdsOf(db(), user.id)).toEqual([org.id]);
    expect(await verifyPassword("env-password-123", user.passwordHash)).toBe(true);
    const fromStdin = await cli(["user", "create", "--email", "cli2@example.org", "--role", "admin"], env, "stdin-password-123\n");
    expect(fromStdin.code).toBe(0);
    expect(await verifyPassword("stdin-password-123", findUserByEmail(db(), "cli2@example.org")!.passwordHash)).toBe(true);
    const flag = await cli(["user", "create", "--email", "cli3@example.org", "--role", "admin", "--password", "x"], env);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("unknown option '--password'");
    const none = await cli(["user", "create", "--email", "cli3@example.org", "--role", "admin"], env, "");
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("no password given: set MODELGAP_PASSWORD or pipe it on standard input");
    const role = await cli(["user", "create", "--email", "cli3@example.org", "--role", "owner"], { ...env, MODELGAP_PASSWORD: "long-enough-1" });
    expect(role.stderr).toContain("--role: choose admin, facilitator or consultant");
    expect(findUserByEmail(db(), "cli3@example.org")).toBeUndefined();
  });
});
