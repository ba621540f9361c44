import { randomUUID } from "node:crypto";
import { chmodSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type { MailConfig } from "./config.server";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends one message, or throws with the reason. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * Without an SMTP server, each message becomes a standard .eml file in the
 * outbox: the folder is made (0700) when the first message is written, and each
 * file (0600) is written under a temporary name and renamed, so the operator
 * never opens half a message. The messages hold personal links: only the
 * account the server runs as may read them.
 */
function outboxMailer(config: MailConfig): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from: config.from, ...mail });
      mkdirSync(config.outboxDir, { recursive: true, mode: 0o700 });
      chmodSync(config.outboxDir, 0o700);
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID()}.eml`;
      const partial = join(config.outboxDir, `.${name}.partial`);
      writeFileSync(partial, info.message as Buffer, { mode: 0o600, flag: "wx" });
      renameSync(partial, join(config.outboxDir, name));
    },
  };
}

/** One connection per message (no pool): nothing stays open between sends, and a dead server fails a send within the timeouts. */
function smtpMailer(config: MailConfig & { smtpUrl: string }): Mailer {
  const transport = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
  return {
    async send(mail) {
      await transport.sendMail({ from: config.from, ...mail });
    },
  };
}

const mailers = new WeakMap<MailConfig, Mailer>();

/** The app's mailer for this configuration (made once). */
export function mailerFor(config: MailConfig): Mailer {
  let mailer = mailers.get(config);
  if (!mailer) {
    mailer = config.smtpUrl ? smtpMailer({ ...config, smtpUrl: config.smtpUrl }) : outboxMailer(config);
    mailers.set(config, mailer);
  }
  return mailer;
}

/** One line for the start-up message: where invitations and reminders go. */
export function describeMail(config: MailConfig): string {
  if (config.smtpUrl) {
    const url = new URL(config.smtpUrl);
    return `Invitations and reminders are sent through ${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ""} as ${config.from}.`;
  }
  return `No SMTP_URL set: invitations and reminders are written to ${config.outboxDir} (created with the first message, readable only by this account).`;
}
