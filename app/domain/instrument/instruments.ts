import customerModelsV1 from "../../../surveys/customer-models.v1.json";
import customerModelsV2 from "../../../surveys/customer-models.v2.json";
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

export function findInstrument(id: string, version: number): Instrument | undefined {
  return instruments.find((i) => i.id === id && i.version === version);
}

export function getInstrument(id: string, version: number): Instrument {
  const instrument = findInstrument(id, version);
  if (!instrument) throw new Error(`Unknown instrument ${id} v${version}`);
  return instrument;
}
