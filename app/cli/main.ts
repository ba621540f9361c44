/**
 * `npm run modelgap -- <command>`. The program is imported inside the try, so
 * a start-up failure (an invalid instrument file, a bad environment variable)
 * prints one clear message instead of a stack trace.
 */
try {
  const { runCli } = await import("./program");
  process.exitCode = await runCli(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
export {};
