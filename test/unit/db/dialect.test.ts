import { describe, expect, it } from "vitest";
import { parseDatabaseUrl, redactUrl } from "~db/dialect";

describe("redactUrl", () => {
  it("hides a password however the URL carries it", () => {
    expect(redactUrl("postgres://mg:s3cret@db:5432/modelgap")).toBe("postgres://mg:***@db:5432/modelgap");
    const query = redactUrl("postgres://mg@db:5432/modelgap?password=s3cret&sslmode=require&sslpassword=k3y");
    expect(query).not.toMatch(/s3cret|k3y/);
    expect(query).toContain("sslmode=require");
    expect(redactUrl("postgresql://db/modelgap")).toBe("postgresql://db/modelgap");
  });

  it("never echoes what it cannot parse", () => {
    expect(redactUrl("not a url with s3cret")).toBe("postgres://(unparseable URL)");
  });
});

describe("parseDatabaseUrl", () => {
  it("takes PostgreSQL URLs, treats empty as unset, and refuses other schemes", () => {
    expect(parseDatabaseUrl("postgres://db/modelgap")).toBe("postgres://db/modelgap");
    expect(parseDatabaseUrl("  ")).toBeUndefined();
    expect(parseDatabaseUrl(undefined)).toBeUndefined();
    expect(() => parseDatabaseUrl("mysql://db/modelgap")).toThrow(/DATABASE_URL/);
  });
});
