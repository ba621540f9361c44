import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
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

  it("never includes the survey library: survey-core interprets the questionnaire on the server only", () => {
    for (const file of scripts) {
      expect(text(file), file).not.toContain("surveyjs.io");
      expect(text(file), file).not.toContain('"matrixdropdown"');
    }
  });

  it("gives the respondent pages one small script of their own", () => {
    const enhance = scripts.filter((file) => file.startsWith("enhance-"));
    expect(enhance).toHaveLength(1);
    // A few kilobytes: the pages work without it, it only adds counters, saving while typing and focus.
    expect(gzipSync(text(enhance[0]!)).length).toBeLessThan(6 * 1024);
    expect(text(enhance[0]!)).not.toMatch(/react|__remix/i);
  });
});
