/**
 * The invitation and reminder emails the app sends itself, so that staff never
 * hold a personal link. Plain text: it reads the same in every mail client and
 * nothing in it can run.
 */
export interface InvitationMessageInput {
  kind: "invitation" | "reminder";
  /** Staff answer as part of a level; customers are asked as customers (absent: staff). */
  audience?: "staff" | "customers";
  organisation: string;
  round: string;
  level: string;
  link: string;
  /** The first day answers are taken, if the round has one; said only while it is still ahead. */
  opensAt: Date | null;
  /** The last day answers are taken (the end of that day, UTC), if the round has one. */
  closesAt: Date | null;
  /** When the message is written: decides whether the opening day is still ahead. */
  now: Date;
  minGroupSize: number;
  /** How long the questionnaire takes, from the instrument. */
  minutes: number;
  name: string | null;
}

const day = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** Header text on one line: a name with a line break must not start a header of its own. */
const oneLine = (text: string) => text.replace(/[\r\n\t\u2028\u2029]+/g, " ").trim();

export function invitationMessage(input: InvitationMessageInput): { subject: string; text: string } {
  const subject = oneLine(
    input.kind === "invitation"
      ? `${input.organisation} asks for your view: ${input.round}`
      : `Reminder: ${input.organisation} still hopes to hear from you (${input.round})`,
  );
  const greeting = input.name ? `Dear ${oneLine(input.name)},` : "Hello,";
  const customer = input.audience === "customers";
  const opening = customer
    ? input.kind === "invitation"
      ? `${input.organisation} would like to know what it is like to deal with them, and what you want from them. As one of their customers, you are invited to answer a short survey, "${input.round}". You do not need an account.`
      : `A short reminder: ${input.organisation} invited you, as one of their customers, to answer the survey "${input.round}", and your answers have not arrived yet. If you have answered in the meantime, thank you, and please ignore this message.`
    : input.kind === "invitation"
      ? `${input.organisation} is running a short survey, "${input.round}", on how the organisation manages its customers, and invites you to answer as part of the group "${input.level}".`
      : `A short reminder: ${input.organisation} invited you to answer the survey "${input.round}" as part of the group "${input.level}", and your answers have not arrived yet. If you have answered in the meantime, thank you, and please ignore this message.`;
  const opensLine = input.opensAt && input.opensAt.getTime() > input.now.getTime() ? `The survey opens on ${day.format(input.opensAt)} (UTC); the link works from then on. ` : "";
  const closing = opensLine + (input.closesAt ? `The survey closes at the end of ${day.format(input.closesAt)} (UTC).` : "The survey stays open until the organisers close it.");
  const text = [
    greeting,
    "",
    opening,
    "",
    "Your personal link (please do not forward it: it lets one person answer once):",
    input.link,
    "",
    `It takes about ${input.minutes} minutes. Your answers are saved as you go, so you can stop and come back to the link later in the same browser.`,
    closing,
    "",
    "How your answers stay anonymous:",
    `- Results are only ever shown for groups of at least ${input.minGroupSize} ${customer ? "customers" : "people"}; nobody sees one person's answers.`,
    "- This message was sent by the survey application itself. The people running the survey never see your link, and never see whether you in particular have answered: they see only how many people in each group have.",
    "- Reminders go out automatically, only to people whose answers have not arrived.",
    "",
    `Sent on behalf of ${input.organisation}. If you think this reached you by mistake, you can ignore it.`,
  ].join("\n");
  return { subject, text };
}
