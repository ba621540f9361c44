import { closingInstant, dayOf, openingInstant, roundFormInput, roundFormSchema, type RoundForm } from "~/domain/rounds/round-form";
import { findInstrument, instruments } from "~/domain/instrument/instruments";
import type { Level, Round, RoundSettings } from "~/models/rounds.server";
import type { RoundFormValues } from "~/components/round-form";
import { fieldErrors, type FieldErrors } from "./form.server";

export const instrumentOptions = () =>
  instruments.map((instrument) => ({ value: `${instrument.id}@${instrument.version}`, label: `${instrument.title} (version ${instrument.version})` }));

export type ParsedRoundForm = { ok: true; form: RoundForm; settings: RoundSettings } | { ok: false; errors: FieldErrors; values: RoundFormValues };

/** Validates the round form; on failure, returns the values as typed so the form comes back filled in. */
export function parseRoundForm(formData: FormData, now = new Date()): ParsedRoundForm {
  const input = roundFormInput(formData);
  const values: RoundFormValues = {
    name: input.name,
    instrument: input.instrument,
    levels: input.levelLabels.map((label, i) => ({ id: input.levelIds[i] ?? "", label })),
    opensOn: input.opensOn,
    closesOn: input.closesOn,
    minGroupSize: input.minGroupSize ?? "",
    welcomeNote: input.welcomeNote,
  };
  const parsed = roundFormSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: levelErrorsTogether(fieldErrors(parsed.error)), values };
  const [id, version] = parsed.data.instrument.split("@");
  const instrument = findInstrument(id!, Number(version));
  if (!instrument) return { ok: false, errors: { instrument: "choose one of the listed questionnaires" }, values };
  const closesAt = closingInstant(parsed.data.closesOn);
  if (closesAt && closesAt.getTime() < now.getTime()) return { ok: false, errors: { closesOn: "the closing date has passed; choose a later day or leave it empty" }, values };
  return {
    ok: true,
    form: parsed.data,
    settings: {
      name: parsed.data.name,
      instrument: { id: instrument.id, version: instrument.version },
      minGroupSize: parsed.data.minGroupSize,
      opensAt: openingInstant(parsed.data.opensOn),
      closesAt,
      welcomeNote: parsed.data.welcomeNote,
    },
  };
}

export function roundFormValues(round: Round, levels: Level[]): RoundFormValues {
  return {
    name: round.name,
    instrument: `${round.instrumentId}@${round.instrumentVersion}`,
    levels: levels.map((level) => ({ id: String(level.id), label: level.label })),
    opensOn: dayOf(round.opensAt),
    closesOn: dayOf(round.closesAt),
    minGroupSize: String(round.minGroupSize),
    welcomeNote: round.welcomeNote,
  };
}

/** Errors of single levels ("levelLabels.2") are shown with the levels, naming the level. */
function levelErrorsTogether(errors: FieldErrors): FieldErrors {
  const result: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    const level = /^levelLabels\.(\d+)$/.exec(key);
    if (level) result.levelLabels ??= `level ${Number(level[1]) + 1}: ${message}`;
    else result[key] = message;
  }
  return result;
}
