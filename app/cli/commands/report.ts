import { z } from "zod";
import { loadReport } from "~/models/reports.server";
import { reportToCsv } from "~/domain/report/report-csv";
import { CliError, printJson, type CliIO } from "../io";
import { parseOptions } from "../options";

const optionsSchema = z.object({
  round: z.string().trim().min(1, "give the round id"),
  format: z.enum(["json", "csv"], { error: 'use "json" or "csv"' }).default("json"),
});

export async function reportCommand(io: CliIO, rawOptions: unknown) {
  const options = parseOptions(optionsSchema, rawOptions);
  const report = await loadReport(io.database().db, options.round, { pause: () => Promise.resolve() });
  if (!report) throw new CliError(`--round: no round with id "${options.round}"`);
  if (options.format === "csv") io.stdout(reportToCsv(report));
  else printJson(io, report);
}
