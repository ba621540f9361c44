import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, openDatabase } from "~db/client";
import { DIALECT } from "~db/dialect";

/**
 * An existing database, from before "forget the link at submit": its
 * submitted responses still point at their invitations. Migrating it must
 * leave each invitation only "answered", and each submitted response no reference.
 */
const dir = mkdtempSync(join(tmpdir(), "modelgap-migration-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Journal {
  entries: { tag: string }[];
}

/** The migrations as they were before the one that forgets the links. */
function migrationsBeforeForgetting(): string {
  const folder = join(dir, "migrations");
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as Journal;
  const at = journal.entries.findIndex((entry) => readFileSync(join(folder, `${entry.tag}.sql`), "utf8").includes("SET `answered` = 1"));
  expect(at).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return folder;
}

// About the SQLite migration files and a database file made by an earlier version; PostgreSQL starts from its own first migration.
describe.runIf(DIALECT === "sqlite")("the migration that forgets invitations at submit", () => {
  it("marks answered invitations and clears their submitted responses' references, leaving drafts and open-link responses as they were", async () => {
    const path = join(dir, "old.db");
    await (await openDatabase({ path }, { migrationsFolder: migrationsBeforeForgetting() })).close();
    // Written as the earlier version wrote them: straight into the file, in that version's columns.
    const old = new Database(path);
    const run = (statement: string, ...params: unknown[]) => old.prepare(statement).run(...params);
    const now = Date.now();
    run("INSERT INTO organisations (id, name, created_at) VALUES ('o1', 'Old Org', ?)", now);
    run("INSERT INTO rounds (id, organisation_id, name, instrument_id, instrument_version, status, created_at) VALUES ('r1', 'o1', 'Old round', 'customer-models', 1, 'open', ?)", now);
    run("INSERT INTO levels (id, round_id, key, label, position, link_token) VALUES (1, 'r1', 'board', 'Board', 0, 'link-token-aaaaaaaaaaaa')");
    for (const [id, email] of [[1, "a@example.org"], [2, "b@example.org"], [3, "c@example.org"]] as const) {
      run("INSERT INTO invitations (id, round_id, level_id, email, token, created_at) VALUES (?, 'r1', 1, ?, ?, ?)", id, email, `invite-token-${id}xxxxxxxx`, now);
    }
    const submitted = `'submitted', '{}', '{"retail":1}', '{"retail":1}', ?`;
    run(`INSERT INTO responses (id, round_id, level_id, invitation_id, status, answers, explicit, desired, submitted_at, created_at, updated_at) VALUES (10, 'r1', 1, 1, ${submitted}, ?, ?)`, now, now, now);
    run("INSERT INTO responses (id, round_id, level_id, invitation_id, status, created_at, updated_at) VALUES (11, 'r1', 1, 2, 'draft', ?, ?)", now, now);
    run(`INSERT INTO responses (id, round_id, level_id, resume_token, status, answers, explicit, desired, submitted_at, created_at, updated_at) VALUES (12, 'r1', 1, 'open-link-browser-token', ${submitted}, ?, ?)`, now, now, now);
    old.close();

    const migrated = await openDatabase({ path });
    const invitations = await migrated.rows(sql`SELECT id, answered FROM invitations ORDER BY id`);
    const responses = await migrated.rows(sql`SELECT id, invitation_id, resume_token, status FROM responses ORDER BY id`);
    await migrated.close();
    expect(invitations).toEqual([
      { id: 1, answered: 1 },
      { id: 2, answered: 0 },
      { id: 3, answered: 0 },
    ]);
    expect(responses).toEqual([
      { id: 10, invitation_id: null, resume_token: null, status: "submitted" },
      { id: 11, invitation_id: 2, resume_token: null, status: "draft" },
      { id: 12, invitation_id: null, resume_token: "open-link-browser-token", status: "submitted" },
    ]);
  });
});
