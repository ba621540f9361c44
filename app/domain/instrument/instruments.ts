import customerModelsV1 from "../../../surveys/customer-models.v1.json";
import customerModelsV2 from "../../../surveys/customer-models.v2.json";
import customerViewV1 from "../../../surveys/customer-view.v1.json";
import { parseCustomerInstrument, type CustomerInstrument } from "./customer-instrument";
import { parseInstrument, type Instrument } from "./instrument";

/**
 * Every instrument version the app knows. Parsed when this module loads, so a
 * broken file stops start-up with a message naming the problem.
 */
export const instruments: readonly Instrument[] = [
  parseInstrument(customerModelsV1, "surveys/customer-models.v1.json"),
  parseInstrument(customerModelsV2, "surveys/customer-models.v2.json"),
];

export const currentInstrument: Instrument = instruments[instruments.length - 1]!;

/** The customer questionnaire's versions: a round with customers keeps the version it was made with. */
export const customerInstruments: readonly CustomerInstrument[] = [parseCustomerInstrument(customerViewV1, "surveys/customer-view.v1.json")];

export const currentCustomerInstrument: CustomerInstrument = customerInstruments[customerInstruments.length - 1]!;

/** A questionnaire someone answers: the staff instrument of a level, or the customer questionnaire. */
export type Questionnaire = Instrument | CustomerInstrument;

export function findInstrument(id: string, version: number): Instrument | undefined {
  return instruments.find((i) => i.id === id && i.version === version);
}

export function getInstrument(id: string, version: number): Instrument {
  const instrument = findInstrument(id, version);
  if (!instrument) throw new Error(`Unknown instrument ${id} v${version}`);
  return instrument;
}

export function getCustomerInstrument(id: string, version: number): CustomerInstrument {
  const instrument = customerInstruments.find((i) => i.id === id && i.version === version);
  if (!instrument) throw new Error(`Unknown customer questionnaire ${id} v${version}`);
  return instrument;
}

/** What a round's customers answer, or null when the round does not ask its customers. */
export function customerInstrumentOf(round: { customerInstrumentId: string | null; customerInstrumentVersion: number | null }): CustomerInstrument | null {
  return round.customerInstrumentId && round.customerInstrumentVersion ? getCustomerInstrument(round.customerInstrumentId, round.customerInstrumentVersion) : null;
}

/** The questionnaire a level of a round answers: its customers the customer questionnaire, every other level the round's instrument. */
export function questionnaireFor(
  round: { instrumentId: string; instrumentVersion: number; customerInstrumentId: string | null; customerInstrumentVersion: number | null },
  level: { kind: "staff" | "customers" },
): Questionnaire {
  if (level.kind === "customers") {
    const customer = customerInstrumentOf(round);
    if (!customer) throw new Error("A customers level in a round without a customer questionnaire");
    return customer;
  }
  return getInstrument(round.instrumentId, round.instrumentVersion);
}
