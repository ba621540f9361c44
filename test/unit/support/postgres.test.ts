import { existsSync } from "node:fs";
import { connect } from "node:net";
import pg from "pg";
import { expect, test } from "vitest";
import { createTestDatabase, startPostgres } from "../../support/postgres";

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(true));
  });
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

test("each test database is isolated, and stop leaves no server or folder behind", async () => {
  const server = await startPostgres();
  const port = Number(new URL(server.url).port);
  try {
    expect(server.url).toMatch(/^postgres:\/\/modelgap@127\.0\.0\.1:\d+\/postgres$/);
    const [first, second] = await Promise.all([createTestDatabase(server.url), createTestDatabase(server.url)]);
    expect(first.url).not.toBe(second.url);

    await query(first.url, "CREATE TABLE note (body text); INSERT INTO note VALUES ('only in the first')");
    expect(await query(first.url, "SELECT body FROM note")).toEqual([{ body: "only in the first" }]);
    await expect(query(second.url, "SELECT body FROM note")).rejects.toThrow(/relation "note" does not exist/);

    // An open connection must not block the drop.
    const lingering = new pg.Client({ connectionString: first.url });
    lingering.on("error", () => {});
    await lingering.connect();
    await Promise.all([first.drop(), second.drop()]);
    const names = await query(server.url, "SELECT datname FROM pg_database");
    expect(names.map((row) => row.datname)).not.toContain(first.name);
    expect(names.map((row) => row.datname)).not.toContain(second.name);
  } finally {
    await server.stop();
  }
  expect(await refusesConnections(port)).toBe(true);
  expect(existsSync(server.dir)).toBe(false);
}, 120_000);
