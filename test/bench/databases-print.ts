import type { DatabaseFigures } from "./databases";

export function printDatabaseFigures(figures: DatabaseFigures) {
  console.log(`\nSQLite and PostgreSQL, same data (${figures.responses.toLocaleString("en-GB")} responses), same run`);
  console.table([
    { measure: "full report, SQLite (baseline)", "median ms": figures.report.sqliteMs },
    { measure: "full report, PostgreSQL", "median ms": figures.report.postgresMs, "x SQLite": figures.report.ratio },
  ]);
  console.log("Submissions over HTTP, 20 connections in all (PostgreSQL with every commit flushed, as SQLite's synchronous=FULL)");
  console.table(
    figures.submissions.map((run) => ({ setup: run.setup, "req/s": run.requestsPerSecond, "p50 ms": run.p50Ms, "p99 ms": run.p99Ms, "x SQLite": run.ratio, unexpected: run.unexpected, errors: run.errors })),
  );
}
