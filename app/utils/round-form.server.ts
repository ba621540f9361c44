import { checkRoundForm, closingInstant, dayOf, openingInstant, roundFormInput, type RoundForm, type RoundFormRules } from "~/domain/rounds/round-form";
import { currentCustomerInstrument, findInstrument, instruments } from "~/domain/instrument/instruments";
import { isCustomerLevel, staffLevels, type Level, type Round, type RoundSettings } from "~/models/rounds.server";
import type { RoundFormValues } from "~/components/round-form";
import type { FieldErrors } from "./form.server";

export const instrumentOptions = () =>
  instruments.map((instrument) => ({ value: `${instrument.id}@${instrument.version}`, label: `${instrument.title} (version ${instrument.version})` }));

export type ParsedRoundForm = { ok: true; form: RoundForm; settings: RoundSettings } | { ok: false; errors: FieldErrors; values: RoundFormValues };

/**
 * Validates the round form, reporting every problem at once; on failure,
 * returns the values as typed so the form comes back filled in. When editing,
 * `minGroup` brings the rule that the minimum group only goes up once anyone answered.
 */
export function parseRoundForm(formData: FormData, options: { now?: Date; minGroup?: RoundFormRules["minGroup"] } = {}): ParsedRoundForm {
  const input = roundFormInput(formData);
  const values: RoundFormValues = {
    name: input.name,
    instrument: input.instrument,
    levels: input.levelLabels.map((label, i) => ({ id: input.levelIds[i] ?? "", label })),
    opensOn: input.opensOn,
    closesOn: input.closesOn,
    minGroupSize: input.minGroupSize ?? "",
    welcomeNote: input.welcomeNote,
    customers: input.customers,
  };
  const checked = checkRoundForm(input, {
    now: options.now ?? new Date(),
    instrumentExists: (id, version) => findInstrument(id, version) !== undefined,
    minGroup: options.minGroup,
  });
  if (!checked.ok) return { ok: false, errors: checked.errors, values };
  const [id, version] = checked.form.instrument.split("@");
  const instrument = findInstrument(id!, Number(version))!;
  return {
    ok: true,
    form: checked.form,
    settings: {
      name: checked.form.name,
      instrument: { id: instrument.id, version: instrument.version },
      minGroupSize: checked.form.minGroupSize,
      opensAt: openingInstant(checked.form.opensOn),
      closesAt: closingInstant(checked.form.closesOn),
      welcomeNote: checked.form.welcomeNote,
      customerInstrument: checked.form.customers ? { id: currentCustomerInstrument.id, version: currentCustomerInstrument.version } : null,
    },
  };
}

export function roundFormValues(round: Round, levels: Level[]): RoundFormValues {
  return {
    name: round.name,
    instrument: `${round.instrumentId}@${round.instrumentVersion}`,
    levels: staffLevels(levels).map((level) => ({ id: String(level.id), label: level.label })),
    opensOn: dayOf(round.opensAt),
    closesOn: dayOf(round.closesAt),
    minGroupSize: String(round.minGroupSize),
    welcomeNote: round.welcomeNote,
    customers: levels.some(isCustomerLevel),
  };
}
