import { customerScoringKey } from "~/domain/instrument/customer-instrument";
import { currentCustomerInstrument, currentInstrument } from "~/domain/instrument/instruments";
import { scoringKey } from "~/domain/instrument/instrument";
import { printJson, type CliIO } from "../io";

export function instrumentCommand(io: CliIO, options: { json?: boolean; customer?: boolean }) {
  const key = options.customer ? customerScoringKey(currentCustomerInstrument) : scoringKey(currentInstrument);
  if (options.json) return printJson(io, key);
  const what = options.customer ? "statements" : "items";
  io.stdout(`${key.id} v${key.version}: ${key.models.length} models, ${key.items.length} ${what}, scale ${key.scale.min}-${key.scale.max}\n`);
  for (const model of key.models) {
    const items = key.items.filter((i) => i.model === model.id).map((i) => (i.reverse ? `${i.name}(-)` : i.name));
    io.stdout(`  ${model.id.padEnd(14)} ${items.join(" ")}\n`);
  }
  if ("wanted" in key) io.stdout(`  wanted: ${key.wanted} (100 points), likelihood to recommend: ${key.nps} (0-10)\n`);
  io.stdout("Use --json for the machine-readable scoring key.\n");
}
