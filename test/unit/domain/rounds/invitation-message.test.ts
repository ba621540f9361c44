import { describe, expect, it } from "vitest";
import { invitationMessage, type InvitationMessageInput } from "~/domain/rounds/invitation-message";

const input: InvitationMessageInput = {
  kind: "invitation",
  organisation: "Northwind Retail",
  round: "Spring 2027",
  level: "Front line",
  link: "https://survey.example.org/r/abc123",
  opensAt: null,
  closesAt: new Date("2027-03-31T23:59:59.999Z"),
  now: new Date("2027-03-01T09:00:00Z"),
  minGroupSize: 6,
  minutes: 12,
  name: "Ann",
};

describe("invitation and reminder messages", () => {
  it("say who runs the survey, the round, the level, the link, how anonymity works and when it closes", () => {
    const { subject, text } = invitationMessage(input);
    expect(subject).toBe("Northwind Retail asks for your view: Spring 2027");
    expect(text).toContain("Dear Ann,");
    expect(text).toContain('Northwind Retail is running a short survey, "Spring 2027"');
    expect(text).toContain('as part of the group "Front line"');
    expect(text).toContain("\nhttps://survey.example.org/r/abc123\n");
    expect(text).toContain("groups of at least 6 people");
    expect(text).toContain("never see whether you in particular have answered");
    expect(text).toContain("The survey closes at the end of Wednesday, 31 March 2027 (UTC).");
    expect(text).toContain("about 12 minutes");
  });

  it("reminds without claiming to know more than that the answers have not arrived", () => {
    const { subject, text } = invitationMessage({ ...input, kind: "reminder", closesAt: null, name: null });
    expect(subject).toBe("Reminder: Northwind Retail still hopes to hear from you (Spring 2027)");
    expect(text.startsWith("Hello,\n")).toBe(true);
    expect(text).toContain("your answers have not arrived yet");
    expect(text).toContain("stays open until the organisers close it");
  });

  it("says when the survey opens while that day is still ahead", () => {
    const opensAt = new Date("2027-03-08T00:00:00Z");
    expect(invitationMessage({ ...input, opensAt }).text).toContain("The survey opens on Monday, 8 March 2027 (UTC); the link works from then on. The survey closes");
    expect(invitationMessage({ ...input, opensAt, now: new Date("2027-03-09T00:00:00Z") }).text).not.toContain("opens on");
  });

  it("keeps the subject on one line whatever the names hold", () => {
    const { subject } = invitationMessage({ ...input, organisation: "Evil\r\nBcc: victim@example.org", round: "R\n2" });
    expect(subject).not.toMatch(/[\r\n]/);
  });
});
