import { Command, CommanderError } from "commander";
import { ConfigError } from "~/utils/config.server";
import { backupCommand } from "./commands/backup";
import { migrateDataCommand } from "./commands/migrate-data";
import { organisationDeleteCommand, roundDeleteCommand } from "./commands/erase";
import { instrumentCommand } from "./commands/instrument";
import { reportCommand } from "./commands/report";
import { responsesImportCommand } from "./commands/responses-import";
import { roundCreateCommand } from "./commands/round-create";
import { roundSetCommand } from "./commands/round-set";
import { roundStrategyCommand } from "./commands/round-strategy";
import { userCreateCommand, userPasswordCommand } from "./commands/user";
import { CliError, createIO, type CliIO } from "./io";

function buildProgram(io: CliIO): Command {
  const program = new Command("modelgap")
    .description("ModelGap on the command line. Machine output is JSON on stdout; messages go to stderr.")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError("(run with --help for usage)");

  program
    .command("instrument")
    .description("print the scoring key of the current instrument (or, with --customer, of the customer questionnaire)")
    .option("--json", "print JSON (the scoring key of product.md)")
    .option("--customer", "the customer questionnaire's key instead: wanted (allocation) and nps (0-10) questions, experience statements")
    .action((options) => instrumentCommand(io, options));

  const round = program.command("round").description("manage survey rounds");
  round
    .command("create")
    .description("create (or reuse) the organisation and open a round")
    .option("--org <name>", "organisation name: created when none has it; reused when one made by the CLI or an admin has it")
    .option("--org-id <id>", "an existing organisation's id, instead of --org")
    .requiredOption("--name <name>", "round name")
    .requiredOption("--levels <list>", "levels as id:Label,id:Label,... (at least two)")
    .option("--min-group <n>", "minimum group size for reporting a level (default 5, at least 3)")
    .option("--customers", "ask the organisation's customers too: prints a customerLink (level id \"customers\", reserved)")
    .option("--json", "print JSON (always printed to stdout)")
    .action((options) => roundCreateCommand(io, options));
  round
    .command("set")
    .description("change a round's minimum group size (it can go up; once anyone answered, never down)")
    .requiredOption("--round <roundId>", "round id")
    .requiredOption("--min-group <n>", "the new minimum group size")
    .action((options) => roundSetCommand(io, options));
  round
    .command("delete")
    .description("erase a round with its responses, invitations and notes (shows what would go unless --yes)")
    .requiredOption("--round <roundId>", "round id")
    .option("--yes", "really delete")
    .option("--compact", "then rebuild the database file so no fragment of the deleted data survives (writers wait meanwhile)")
    .action((options) => roundDeleteCommand(io, options));
  round
    .command("strategy")
    .description("record the organisation's intended mix for a round (the report compares every level with it), or remove it")
    .requiredOption("--round <roundId>", "round id")
    .option("--mix <list>", "whole points per model adding up to 100, e.g. key_account:20,relationship:40,retail:30,social:10")
    .option("--clear", "remove the intended mix")
    .action((options) => roundStrategyCommand(io, options));

  program
    .command("organisation")
    .description("manage organisations")
    .command("delete")
    .description("erase an organisation with all its rounds (shows what would go unless --yes)")
    .requiredOption("--id <organisationId>", "organisation id")
    .option("--yes", "really delete")
    .option("--compact", "then rebuild the database file so no fragment of the deleted data survives (writers wait meanwhile)")
    .action((options) => organisationDeleteCommand(io, options));

  program
    .command("responses")
    .description("manage responses")
    .command("import")
    .description("import submitted responses from a JSON array or JSON lines file, all or nothing")
    .requiredOption("--round <roundId>", "round id")
    .requiredOption("--file <path>", "file of { level, answers } records")
    .action((options) => responsesImportCommand(io, options));

  program
    .command("report")
    .description("print a round's gap report")
    .requiredOption("--round <roundId>", "round id")
    .option("--format <format>", "json, csv or pptx (a PowerPoint deck; needs --out)", "json")
    .option("--out <file>", "write to this file instead of standard output (prints { file, bytes })")
    .option("--force", "replace the --out file if it exists")
    .action((options) => reportCommand(io, options));

  program
    .command("backup")
    .description("write a consistent copy of the database (safe while the app runs), checked before it is kept")
    .argument("<file>", "where to write the backup")
    .option("--force", "replace the file if it exists")
    .action((file: string, options: { force?: boolean }) => backupCommand(io, { file, ...options }));

  program
    .command("migrate-data")
    .description("copy a SQLite database into the (new, empty) PostgreSQL database DATABASE_URL names; stop the app first")
    .requiredOption("--from <file>", "the SQLite database file (DATABASE_PATH; data/modelgap.db by default)")
    .action((options) => migrateDataCommand(io, options));

  const user = program.command("user").description("manage accounts");
  user
    .command("create")
    .description("create an account; the password comes from MODELGAP_PASSWORD or standard input")
    .requiredOption("--email <email>", "the email the person signs in with")
    .requiredOption("--role <role>", "admin, facilitator or consultant")
    .option("--name <name>", "the person's name")
    .option("--org <name>", "an organisation to assign (repeat for more)", (value: string, list: string[]) => [...list, value], [] as string[])
    .option("--org-id <id>", "an organisation to assign, by id (repeat for more)", (value: string, list: string[]) => [...list, value], [] as string[])
    .action((options) => userCreateCommand(io, options));
  user
    .command("password")
    .description("set a new password (from MODELGAP_PASSWORD or standard input); signs the user out everywhere")
    .requiredOption("--email <email>", "the account's email")
    .action((options) => userPasswordCommand(io, options));

  return program;
}

/** Runs one CLI invocation and returns its exit code; never calls process.exit, so tests can run it in-process. */
export async function runCli(argv: string[], io: CliIO = createIO()): Promise<number> {
  const program = buildProgram(io);
  try {
    io.config(); // a bad environment variable stops every command, before anything runs
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliError || error instanceof ConfigError) {
      io.stderr(`error: ${error.message}\n`);
      return error instanceof CliError ? error.exitCode : 1;
    }
    io.stderr(`error: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await io.close();
  }
}
