import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "~/utils/config.server";
import { describeMail } from "~/utils/mail.server";

describe("mail configuration", () => {
  it("writes to an outbox beside the database unless SMTP_URL is set, from an address of the public host", () => {
    const config = loadConfig({ DATABASE_PATH: "/srv/modelgap/data/modelgap.db", BASE_URL: "https://survey.example.org" });
    expect(config.mail).toEqual({ smtpUrl: null, from: "ModelGap <modelgap@survey.example.org>", outboxDir: "/srv/modelgap/data/outbox" });
    expect(describeMail(config.mail)).toBe(
      "No SMTP_URL set: invitations and reminders are written to /srv/modelgap/data/outbox (created with the first message, readable only by this account).",
    );
    expect(loadConfig({}).mail.outboxDir).toBe("data/outbox");
    expect(loadConfig({ OUTBOX_DIR: "/var/mail/modelgap" }).mail.outboxDir).toBe("/var/mail/modelgap");
  });

  it("sends through SMTP when SMTP_URL is set, and never prints its password", () => {
    const config = loadConfig({ SMTP_URL: "smtps://user:hunter2@mail.example.org:465", MAIL_FROM: "Survey team <survey@example.org>" });
    expect(config.mail).toMatchObject({ smtpUrl: "smtps://user:hunter2@mail.example.org:465", from: "Survey team <survey@example.org>" });
    const line = describeMail(config.mail);
    expect(line).toBe("Invitations and reminders are sent through smtps://mail.example.org:465 as Survey team <survey@example.org>.");
    expect(line).not.toContain("hunter2");
  });

  it("refuses a bad SMTP_URL or MAIL_FROM with a line naming the variable", () => {
    expect(() => loadConfig({ SMTP_URL: "http://mail.example.org" })).toThrow(ConfigError);
    expect(() => loadConfig({ SMTP_URL: "http://mail.example.org" })).toThrow(/SMTP_URL: SMTP_URL must be an smtp:\/\/ or smtps:\/\/ address/);
    expect(() => loadConfig({ MAIL_FROM: "Survey\nBcc: x@example.org <s@example.org>" })).toThrow(/MAIL_FROM: MAIL_FROM must be an address/);
    expect(() => loadConfig({ MAIL_FROM: "not an address" })).toThrow(/MAIL_FROM/);
  });
});
