import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const assets = join("build", "client", "assets");
const scripts = readdirSync(assets).filter((file) => file.endsWith(".js"));
const text = (file: string) => readFileSync(join(assets, file), "utf8");

describe("what reaches the browser", () => {
  it("never includes the scoring key: respondents cannot read which model a statement measures", () => {
    for (const file of scripts) {
      expect(text(file), file).not.toContain("minItemsPerModel");
      expect(text(file), file).not.toMatch(/model:\s*"key_account"|"model":\s*"key_account"/);
    }
  });

  it("never includes zod, whose eval probe the Content-Security-Policy would block", () => {
    for (const file of scripts) expect(text(file), file).not.toContain("jitless");
  });

  it("loads the 1.6 MB survey library only on the survey page", () => {
    const survey = scripts.filter((file) => text(file).includes("sd-root-modern"));
    expect(survey.length).toBeGreaterThan(0);
    expect(survey.every((file) => file.startsWith("r._token.survey-"))).toBe(true);
  });
});
