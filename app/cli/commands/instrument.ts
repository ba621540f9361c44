import { currentInstrument } from "~/domain/instrument/instruments";
import { scoringKey } from "~/domain/instrument/instrument";
import { printJson, type CliIO } from "../io";

export function instrumentCommand(io: CliIO, options: { json?: boolean }) {
  const key = scoringKey(currentInstrument);
  if (options.json) return printJson(io, key);
  io.stdout(`${key.id} v${key.version}: ${key.models.length} models, ${key.items.length} items, scale ${key.scale.min}-${key.scale.max}\n`);
  for (const model of key.models) {
    const items = key.items.filter((i) => i.model === model.id).map((i) => (i.reverse ? `${i.name}(-)` : i.name));
    io.stdout(`  ${model.id.padEnd(14)} ${items.join(" ")}\n`);
  }
  io.stdout("Use --json for the machine-readable scoring key.\n");
}
