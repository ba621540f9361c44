import type { Db } from "~db/client";
import { questionnaireFor } from "~/domain/instrument/instruments";
import { effectiveMinGroupSize } from "~/domain/report/anonymity";
import { invitationMessage } from "~/domain/rounds/invitation-message";
import { claimMessages, finishMessage, roundsWithQueuedMail, type ClaimedMessage } from "~/models/invitation-messages.server";
import { linkFor } from "~/models/rounds.server";
import type { AppConfig } from "./config.server";
import { mailerFor, type Mailer } from "./mail.server";

export interface DeliveryOutcome {
  sent: number;
  failed: number;
  /** Reminders not sent because the answers arrived in the meantime. */
  dropped: number;
}

function render(message: ClaimedMessage, baseUrl: string, now: Date) {
  const instrument = questionnaireFor(message.round, { kind: message.levelKind });
  return invitationMessage({
    kind: message.kind,
    audience: instrument.perspective,
    organisation: message.organisation,
    round: message.round.name,
    level: message.level,
    link: linkFor(baseUrl, message.token),
    opensAt: message.round.opensAt,
    closesAt: message.round.closesAt,
    now,
    minGroupSize: effectiveMinGroupSize(message.round.minGroupSize),
    minutes: instrument.welcome.minutes,
    name: message.name,
  });
}

/**
 * Sends a round's queued messages until none is left, one at a time, each
 * outcome recorded as it happens. A failed send stays in the database as
 * failed (the invitation itself is never lost) for the "retry" action.
 */
export async function deliverRoundMail(db: Db, config: AppConfig, roundId: string, options: { mailer?: Mailer; now?: () => Date } = {}): Promise<DeliveryOutcome> {
  const mailer = options.mailer ?? mailerFor(config.mail);
  const now = options.now ?? (() => new Date());
  const outcome: DeliveryOutcome = { sent: 0, failed: 0, dropped: 0 };
  for (let batch = await claimMessages(db, roundId, now()); batch.length > 0; batch = await claimMessages(db, roundId, now())) {
    for (const message of batch) {
      if (message.kind === "reminder" && message.answered) {
        await finishMessage(db, message.id, "dropped");
        outcome.dropped++;
        continue;
      }
      try {
        const { subject, text } = render(message, config.baseUrl, now());
        await mailer.send({ to: message.email, subject, text });
        await finishMessage(db, message.id, "sent");
        outcome.sent++;
      } catch (error) {
        await finishMessage(db, message.id, "failed");
        outcome.failed++;
        // For the operator's log; staff see a count and what to do. A warning, not an error: the app handled it.
        console.warn(`Mail: message ${message.id} (${message.kind}) of round ${roundId} was not sent: ${(error as Error).message}`);
      }
    }
  }
  return outcome;
}

const running = new WeakMap<Db, Map<string, Promise<DeliveryOutcome>>>();

/**
 * Starts sending a round's queued mail after the request's transaction has
 * committed, without making the request wait. One sender per round in this
 * process; a second start while one runs is folded into it (the running loop
 * claims new messages until the queue is empty).
 */
export function startDelivery(db: Db, config: AppConfig, roundId: string): Promise<DeliveryOutcome> {
  let rounds = running.get(db);
  if (!rounds) running.set(db, (rounds = new Map()));
  const current = rounds.get(roundId);
  // The running loop may be past its last claim: chain a second pass instead of dropping this start.
  const next = (current ?? Promise.resolve({ sent: 0, failed: 0, dropped: 0 }))
    .then(() => deliverRoundMail(db, config, roundId))
    .catch((error: Error) => {
      console.warn(`Mail: sending for round ${roundId} stopped: ${error.message}`);
      return { sent: 0, failed: 0, dropped: 0 };
    })
    .finally(() => {
      if (rounds.get(roundId) === next) rounds.delete(roundId);
    });
  rounds.set(roundId, next);
  return next;
}

/** At start-up: sends what was queued (or abandoned mid-send) before the last stop, in the background. */
export async function resumeQueuedMail(db: Db, config: AppConfig): Promise<void> {
  for (const roundId of await roundsWithQueuedMail(db)) void startDelivery(db, config, roundId);
}
