import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** A received message, decoded enough to read: envelope recipients, headers, subject and plain-text body. */
export interface ReceivedMail {
  to: string[];
  from: string;
  headers: Map<string, string>;
  subject: string;
  text: string;
  raw: string;
}

export interface TestSmtpServer {
  url: string;
  received: ReceivedMail[];
  /** While set, every recipient is refused (a mail server that says no). */
  refuseRecipients: boolean;
  /** While set, each message waits here before it is accepted (a slow mail server). */
  hold: Promise<void> | null;
  close(): Promise<void>;
}

/** A real SMTP server in this process, on a free loopback port, that keeps what it receives. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const state: TestSmtpServer = { url: "", received: [], refuseRecipients: false, hold: null, close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (state.refuseRecipients) return callback(Object.assign(new Error(`550 No such user here: ${address.address}`), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        void (async () => {
          if (state.hold) await state.hold;
          const raw = Buffer.concat(chunks).toString("utf8");
          const recipients = session.envelope.rcptTo.map((r) => r.address);
          const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
          state.received.push({ ...parseMessage(raw), to: recipients, from: sender, raw });
          callback();
        })();
      });
    },
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.server.address() as AddressInfo;
  state.url = `smtp://127.0.0.1:${port}`;
  state.close = () => new Promise((done) => server.close(() => done()));
  return state;
}

/** Headers (unfolded, lower-case names) and the decoded text of a single-part message, as nodemailer writes them. */
export function parseMessage(raw: string): Omit<ReceivedMail, "to" | "from" | "raw"> {
  const normalised = raw.replace(/\r\n/g, "\n");
  const split = normalised.indexOf("\n\n");
  const head = normalised.slice(0, split).replace(/\n[ \t]+/g, " ");
  const body = normalised.slice(split + 2);
  const headers = new Map<string, string>();
  for (const line of head.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const text =
    encoding === "quoted-printable"
      ? decodeQuotedPrintable(body)
      : encoding === "base64"
        ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
        : body;
  return { headers, subject: decodeWords(headers.get("subject") ?? ""), text: text.replace(/\n$/, "") };
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === "=" && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= and =?UTF-8?B?...?=), as nodemailer uses for non-ASCII subjects. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replace(/_/g, " ")),
    );
}

/** Polls until `count` messages (of those `match` accepts) have arrived, or fails after a generous timeout; returns those messages. */
export async function waitForMail(
  smtp: Pick<TestSmtpServer, "received">,
  count: number,
  { match = () => true, timeoutMs = 30_000 }: { match?: (mail: ReceivedMail) => boolean; timeoutMs?: number } = {},
): Promise<ReceivedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const matching = smtp.received.filter(match);
    if (matching.length >= count) return matching;
    if (Date.now() > deadline) throw new Error(`expected ${count} messages, received ${matching.length} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The personal link in a message's text. */
export function linkIn(mail: Pick<ReceivedMail, "text">): string {
  const match = /https?:\/\/\S+\/r\/[\w-]{22}/.exec(mail.text);
  if (!match) throw new Error(`no personal link in:\n${mail.text}`);
  return match[0];
}
