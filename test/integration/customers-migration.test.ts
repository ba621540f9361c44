import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, openDatabase } from "~db/client";
import { DIALECT } from "~db/dialect";

/**
 * A database from before customers: its responses table is rebuilt (customer_scores, a check that accepts
 * customer scores), and a staff level that had taken the id "customers", now reserved, is renamed.
 */
const dir = mkdtempSync(join(tmpdir(), "modelgap-customers-migration-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function migrationsBeforeCustomers(): string {
  const folder = join(dir, "migrations");
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((entry) => readFileSync(join(folder, `${entry.tag}.sql`), "utf8").includes("'customers-' ||"));
  expect(at).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return folder;
}

// About the SQLite migration files and a database file made by an earlier version; PostgreSQL starts from its own first migration.
describe.runIf(DIALECT === "sqlite")("the customers migration", () => {
  it("keeps every response, makes existing levels staff, and renames a staff level called customers", async () => {
    const path = join(dir, "old.db");
    await (await openDatabase({ path }, { migrationsFolder: migrationsBeforeCustomers() })).close();
    // Written as the earlier version wrote them: straight into the file, in that version's columns.
    const old = new Database(path);
    const run = (statement: string, ...params: unknown[]) => old.prepare(statement).run(...params);
    const now = Date.now();
    run("INSERT INTO organisations (id, name, created_at) VALUES ('o1', 'Old Org', ?)", now);
    run("INSERT INTO rounds (id, organisation_id, name, instrument_id, instrument_version, status, created_at) VALUES ('r1', 'o1', 'Old round', 'customer-models', 2, 'open', ?)", now);
    run("INSERT INTO levels (id, round_id, key, label, position, link_token) VALUES (7, 'r1', 'customers', 'Customer service', 0, 'link-token-aaaaaaaaaaaa')");
    run("INSERT INTO levels (id, round_id, key, label, position, link_token) VALUES (8, 'r1', 'board', 'Board', 1, 'link-token-bbbbbbbbbbbb')");
    run(
      `INSERT INTO responses (id, round_id, level_id, status, answers, explicit, desired, submitted_at, release, created_at, updated_at) VALUES (10, 'r1', 7, 'submitted', '{"a":1}', '{"retail":1}', '{"retail":1}', ?, 1, ?, ?)`,
      now,
      now,
      now,
    );
    run("INSERT INTO responses (id, round_id, level_id, resume_token, status, created_at, updated_at) VALUES (11, 'r1', 8, 'draft-token', 'draft', ?, ?)", now, now);
    old.close();

    const migrated = await openDatabase({ path });
    const levels = await migrated.rows(sql`SELECT id, key, label, kind FROM levels ORDER BY id`);
    const responses = await migrated.rows(sql`SELECT id, level_id, status, answers, explicit, release, resume_token, customer_scores FROM responses ORDER BY id`);
    const rounds = await migrated.rows(sql`SELECT customer_instrument_id FROM rounds`);
    await migrated.close();
    expect(levels).toEqual([
      { id: 7, key: "customers-7", label: "Customer service", kind: "staff" },
      { id: 8, key: "board", label: "Board", kind: "staff" },
    ]);
    expect(responses).toEqual([
      { id: 10, level_id: 7, status: "submitted", answers: '{"a":1}', explicit: '{"retail":1}', release: 1, resume_token: null, customer_scores: null },
      { id: 11, level_id: 8, status: "draft", answers: "{}", explicit: null, release: null, resume_token: "draft-token", customer_scores: null },
    ]);
    expect(rounds).toEqual([{ customer_instrument_id: null }]);
  });
});
