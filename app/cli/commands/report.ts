import { existsSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { loadReport } from "~/models/reports.server";
import { reportToCsv } from "~/domain/report/report-csv";
import { buildDeck } from "~/utils/slides.server";
import { CliError, printJson, type CliIO } from "../io";
import { parseOptions } from "../options";

const optionsSchema = z
  .object({
    round: z.string().trim().min(1, "give the round id"),
    format: z.enum(["json", "csv", "pptx"], { error: 'use "json", "csv" or "pptx"' }).default("json"),
    out: z.string().trim().min(1, "give the file to write").optional(),
    force: z.boolean().optional(),
  })
  .refine((o) => o.format !== "pptx" || o.out !== undefined, { path: ["out"], message: "a PowerPoint deck is a file: give --out <file>.pptx" });

/** Writes next to the target, then renames: the named file is never half-written, and an existing one is replaced only with --force. */
function writeWhole(file: string, content: string | Buffer, force = false): { file: string; bytes: number } {
  const target = resolve(file);
  if (!existsSync(dirname(target))) throw new CliError(`--out: the folder ${dirname(target)} does not exist`);
  if (existsSync(target)) {
    if (!statSync(target).isFile()) throw new CliError(`--out: ${file} is not a file (a folder or a device); name a file to write`);
    if (!force) throw new CliError(`--out: ${file} already exists; choose a new file or add --force to replace it`);
  }
  const partial = `${target}.partial-${process.pid}`;
  try {
    writeFileSync(partial, content);
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
  return { file: target, bytes: statSync(target).size };
}

export async function reportCommand(io: CliIO, rawOptions: unknown) {
  const options = parseOptions(optionsSchema, rawOptions);
  const report = await loadReport((await io.database()).db, options.round, { pause: () => Promise.resolve() });
  if (!report) throw new CliError(`--round: no round with id "${options.round}"`);
  if (options.format === "pptx") {
    const { buffer, slides } = await buildDeck(report, { madeOn: new Date().toISOString().slice(0, 10) });
    printJson(io, { ...writeWhole(options.out!, buffer, options.force), slides });
    return;
  }
  const text = options.format === "csv" ? reportToCsv(report) : `${JSON.stringify(report, null, 2)}\n`;
  if (options.out) printJson(io, writeWhole(options.out, text, options.force));
  else io.stdout(text);
}
