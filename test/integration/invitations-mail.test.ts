import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitationMessages, invitations } from "~db/schema";
import { createInvitation, queueMessages } from "~/models/invitations.server";
import { findOrCreateOrganisation } from "~/models/organisations.server";
import { createAccount, signedIn } from "../support/accounts";
import { completeAnswers, createTestRound } from "../support/factories";
import { HttpClient } from "../support/http";
import { linkIn, parseMessage, startSmtpServer, waitForMail, type TestSmtpServer } from "../support/mail";
import { databaseEnv, tempDatabase } from "../support/database";
import { freePort, startAppProcess } from "../support/process";
import { startTestServer, type TestServer } from "../support/server";

const text = async (response: Response) => (await response.text()).replaceAll("<!-- -->", "");

/** Preview then confirm, as the page does. */
async function invite(client: HttpClient, roundId: string, csv: string) {
  const preview = new FormData();
  preview.set("intent", "preview");
  preview.set("file", new Blob([csv], { type: "text/csv" }), "people.csv");
  expect((await client.request(`/rounds/${roundId}/invitations`, { method: "POST", body: preview })).status).toBe(200);
  const confirm = new FormData();
  confirm.set("intent", "import");
  confirm.set("csv", csv);
  return client.request(`/rounds/${roundId}/invitations`, { method: "POST", body: confirm });
}

async function setUp(server: TestServer, status: "open" | "draft" = "open") {
  const db = server.database.db;
  const organisation = await findOrCreateOrganisation(db, `Harbour Foods ${Math.random()}`);
  const { round, levels } = await createTestRound(db, { organisationName: organisation.name, name: "Spring diagnostic", status, minGroupSize: 5 });
  const facilitator = await signedIn(server.url, await createAccount(db, "facilitator", [organisation.id]));
  const tokens = async () => new Map((await db.select().from(invitations).where(eq(invitations.roundId, round.id))).map((i) => [i.email, i.token]));
  return { round, levels, facilitator, organisation, tokens };
}

describe("invitations and reminders over SMTP", () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: "Survey team <survey@example.org>" });
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  it("emails each invitee their own link once the upload is confirmed, without making the request wait for the mail server", async () => {
    smtp.received.length = 0;
    const { round, facilitator, organisation, tokens } = await setUp(server);
    // The mail server holds every message until released: the upload must be answered meanwhile.
    let release!: () => void;
    smtp.hold = new Promise((done) => (release = done));
    const confirmed = await invite(facilitator, round.id, "email,level,name\nann@example.org,Board,Ann\nbob@example.org,Front line,\n");
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe(`/rounds/${round.id}/invitations?added=2&skipped=0`);
    expect(smtp.received).toHaveLength(0);
    release();
    smtp.hold = null;
    const mails = await waitForMail(smtp, 2);
    const byRecipient = new Map(mails.map((mail) => [mail.to.join(","), mail]));
    const ann = byRecipient.get("ann@example.org")!;
    expect(ann.from).toBe("survey@example.org");
    expect(ann.headers.get("from")).toBe("Survey team <survey@example.org>");
    expect(ann.subject).toBe(`${organisation.name} asks for your view: Spring diagnostic`);
    expect(ann.text).toContain("Dear Ann,");
    expect(ann.text).toContain('as part of the group "Board"');
    expect(linkIn(ann)).toBe(`${server.url}/r/${(await tokens()).get("ann@example.org")}`);
    const bob = byRecipient.get("bob@example.org")!;
    expect(bob.text).toContain("Hello,");
    expect(linkIn(bob)).toBe(`${server.url}/r/${(await tokens()).get("bob@example.org")}`);
    await expect.poll(async () => (await server.database.db.select().from(invitationMessages).where(eq(invitationMessages.roundId, round.id))).map((m) => m.status), { timeout: 30_000 }).toEqual(["sent", "sent"]);
  });

  it("holds a draft round's invitations until it opens, then sends them", async () => {
    smtp.received.length = 0;
    const { round, facilitator } = await setUp(server, "draft");
    const confirmed = await invite(facilitator, round.id, "carl@example.org,board\n");
    expect(confirmed.headers.get("location")).toBe(`/rounds/${round.id}/invitations?added=1&skipped=0`);
    expect(await text(await facilitator.get(`/rounds/${round.id}/invitations?added=1`))).toContain("Their invitations will be emailed when you open the round.");
    expect(await server.database.db.select().from(invitationMessages).where(eq(invitationMessages.roundId, round.id))).toEqual([]);
    expect((await facilitator.postForm(`/rounds/${round.id}`, { intent: "open" })).status).toBe(302);
    const [mail] = await waitForMail(smtp, 1);
    expect(mail!.to).toEqual(["carl@example.org"]);
  });

  it("reminds only the people of the level whose answers have not arrived, and tells staff only how many", async () => {
    smtp.received.length = 0;
    const { round, levels, facilitator, tokens } = await setUp(server);
    await invite(facilitator, round.id, "ann@example.org,board\nbob@example.org,board\ncarl@example.org,board\ndora@example.org,front\n");
    await waitForMail(smtp, 4);
    // Ann answers through her link.
    const ann = new HttpClient(server.url);
    const annToken = (await tokens()).get("ann@example.org")!;
    expect((await ann.postForm(`/r/${annToken}`)).status).toBe(302);
    expect((await ann.postJson(`/r/${annToken}/survey`, { answers: completeAnswers(3) })).status).toBe(302);

    smtp.received.length = 0;
    const reminded = await facilitator.postForm(`/rounds/${round.id}/invitations`, { intent: "remind", levelId: String(levels[0]!.id) });
    expect(reminded.status).toBe(302);
    const location = reminded.headers.get("location")!;
    expect(location).toBe(`/rounds/${round.id}/invitations?reminded=2&level=Board`);
    const page = await text(await facilitator.get(location));
    expect(page).toContain("Reminder sent to 2 people at Board.");
    // The list shows each person as uploaded, with no fourth cell for a status.
    expect(page).toContain("<td>ann@example.org</td><td></td><td>Board</td></tr>");
    expect(page).toContain("<td>bob@example.org</td><td></td><td>Board</td></tr>");
    const mails = await waitForMail(smtp, 2);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(["bob@example.org", "carl@example.org"]);
    for (const mail of mails) {
      expect(mail.subject).toMatch(/^Reminder: /);
      expect(linkIn(mail)).toBe(`${server.url}/r/${(await tokens()).get(mail.to[0]!)}`);
    }
  });

  it("keeps invitations a mail server refused, shows the failures as a count with what to do, and sends them on retry", async () => {
    smtp.received.length = 0;
    const { round, facilitator } = await setUp(server);
    smtp.refuseRecipients = true;
    try {
      expect((await invite(facilitator, round.id, "erin@example.org,board\nfinn@example.org,front\n")).status).toBe(302);
      const statuses = async () => (await server.database.db.select().from(invitationMessages).where(eq(invitationMessages.roundId, round.id))).map((m) => m.status);
      await expect.poll(statuses, { timeout: 30_000 }).toEqual(["failed", "failed"]);
      expect(await server.database.db.select().from(invitations).where(eq(invitations.roundId, round.id))).toHaveLength(2);
      const page = await text(await facilitator.get(`/rounds/${round.id}/invitations`));
      expect(page).toContain("2 emails could not be sent.");
      expect(page).toContain("Retry failed emails");
      expect(page).toContain("<td>erin@example.org</td><td></td><td>Board</td></tr>");
    } finally {
      smtp.refuseRecipients = false;
    }
    const retried = await facilitator.postForm(`/rounds/${round.id}/invitations`, { intent: "retry" });
    expect(retried.headers.get("location")).toBe(`/rounds/${round.id}/invitations?retried=2`);
    const mails = await waitForMail(smtp, 2);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(["erin@example.org", "finn@example.org"]);
  });

  it("refuses reminders while the round is not open, and unknown levels", async () => {
    const { round, facilitator } = await setUp(server, "draft");
    expect((await facilitator.postForm(`/rounds/${round.id}/invitations`, { intent: "remind", levelId: "1" })).status).toBe(409);
    await facilitator.postForm(`/rounds/${round.id}`, { intent: "open" });
    expect((await facilitator.postForm(`/rounds/${round.id}/invitations`, { intent: "remind", levelId: "999999" })).status).toBe(404);
  });
});

describe("invitations without SMTP: the outbox folder", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("writes each message as a .eml file only the server's account can read, in a folder made with the first message", async () => {
    const outbox = join(server.database.dir, "outbox");
    expect(existsSync(outbox)).toBe(false);
    const { round, facilitator, tokens } = await setUp(server);
    expect(existsSync(outbox)).toBe(false);
    await invite(facilitator, round.id, "gus@example.org,board,Gus\nhana@example.org,front,Hana\n");
    const files = () => (existsSync(outbox) ? readdirSync(outbox) : []);
    await expect.poll(() => files().length, { timeout: 30_000 }).toBe(2);
    expect(statSync(outbox).mode & 0o777).toBe(0o700);
    const messages = files().map((name) => {
      expect(name).toMatch(/^[\dT-]+Z-[0-9a-f-]{36}\.eml$/);
      expect(statSync(join(outbox, name)).mode & 0o777).toBe(0o600);
      return parseMessage(readFileSync(join(outbox, name), "utf8"));
    });
    const byRecipient = new Map(messages.map((m) => [m.headers.get("to"), m]));
    expect(linkIn(byRecipient.get("gus@example.org")!)).toBe(`${server.url}/r/${(await tokens()).get("gus@example.org")}`);
    expect(linkIn(byRecipient.get("hana@example.org")!)).toBe(`${server.url}/r/${(await tokens()).get("hana@example.org")}`);
    expect(byRecipient.get("gus@example.org")!.headers.get("from")).toBe("ModelGap <modelgap@localhost.localdomain>");
  });
});

describe("npm start and the mail queue", () => {
  it("says where the outbox is, and sends what was queued before the last stop", async () => {
    const database = await tempDatabase();
    try {
      const { round, levels } = await createTestRound(database.db);
      const invitation = await createInvitation(database.db, { roundId: round.id, levelId: levels[0]!.id, email: "ivy@example.org" });
      await queueMessages(database.db, round.id, [invitation.id], "invitation");
      await database.close();
      const outbox = join(database.dir, "outbox");
      const app = startAppProcess({ ...databaseEnv(database), PORT: String(await freePort()), HOST: "127.0.0.1", MODELGAP_DEMO: "off" });
      try {
        const output = await app.waitFor(/ModelGap is running/, 60_000);
        expect(output).toContain(`No SMTP_URL set: invitations and reminders are written to ${outbox} (created with the first message, readable only by this account).`);
        await expect.poll(() => (existsSync(outbox) ? readdirSync(outbox).length : 0), { timeout: 30_000 }).toBe(1);
        const [file] = readdirSync(outbox);
        expect(parseMessage(readFileSync(join(outbox, file!), "utf8")).headers.get("to")).toBe("ivy@example.org");
      } finally {
        app.child.kill("SIGTERM");
        await app.exited;
      }
    } finally {
      await database.cleanup();
    }
  }, 120_000);
});
