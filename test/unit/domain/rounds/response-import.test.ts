import { describe, expect, it } from "vitest";
import { currentInstrument as instrument } from "~/domain/instrument/instruments";
import { parseImport } from "~/domain/rounds/response-import";

const answers = { alloc_now: { retail: 100 }, alloc_desired: { social: 100 }, ka_p1: 4 };
const levels = ["board", "front"];

describe("parseImport", () => {
  it("reads a JSON array", () => {
    const result = parseImport(JSON.stringify([{ level: "board", answers }, { level: "front", answers }]), instrument, levels);
    expect(result).toEqual({ ok: true, records: [{ level: "board", answers }, { level: "front", answers }] });
  });
  it("reads JSON lines, skipping blank lines", () => {
    const text = `${JSON.stringify({ level: "board", answers })}\n\n${JSON.stringify({ level: "front", answers })}\n`;
    expect(parseImport(text, instrument, levels)).toMatchObject({ ok: true, records: [{ level: "board" }, { level: "front" }] });
  });
  it("names the record and the problem, rejecting the whole file", () => {
    const bad = { level: "board", answers: { ...answers, alloc_now: { retail: 90 } } };
    const result = parseImport(JSON.stringify([{ level: "board", answers }, bad]), instrument, levels);
    expect(result).toEqual({ ok: false, problems: ["record 2: answers.alloc_now: the points add up to 90; they must add up to exactly 100"] });
  });
  it("names an unknown level with the round's levels", () => {
    const result = parseImport(JSON.stringify([{ level: "ceo", answers }]), instrument, levels);
    expect(result).toEqual({ ok: false, problems: ['record 1: level: level "ceo" is not a level of this round (levels: board, front)'] });
  });
  it("refuses a __proto__ key instead of taking what it wraps as answers", () => {
    const wrapped = `{"level":"board","answers":{"alloc_now":{"retail":100},"alloc_desired":{"social":100},"__proto__":{"ka_p1":3}}}`;
    const result = parseImport(wrapped, instrument, levels);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatch(/^line 1 is not valid JSON \(the key "__proto__" is not allowed\)/);
    expect(parseImport(`[${wrapped}]`, instrument, levels)).toMatchObject({ ok: false, problems: [expect.stringContaining('"__proto__" is not allowed')] });
  });
  it("refuses a NUL character in any text, as the web does", () => {
    const nul = JSON.stringify({ level: "board", answers: { ...answers, ctx_customer_view: "a\u0000b" } });
    expect(nul).toContain("\\u0000");
    expect(parseImport(nul, instrument, levels)).toEqual({ ok: false, problems: ["line 1 is not valid JSON (a text holds a NUL character (\\u0000))"] });
    expect(parseImport(`[${nul}]`, instrument, levels)).toMatchObject({ ok: false, problems: [expect.stringContaining("NUL character")] });
  });
  it("names the line of broken JSON lines", () => {
    const result = parseImport(`${JSON.stringify({ level: "board", answers })}\n{"level": "board", answers}`, instrument, levels);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatch(/^line 2 is not valid JSON/);
  });
  it("refuses empty files and non-arrays", () => {
    expect(parseImport("  ", instrument, levels)).toMatchObject({ ok: false, problems: [expect.stringMatching(/empty/)] });
    expect(parseImport("[]", instrument, levels)).toEqual({ ok: false, problems: ["the file holds no records"] });
    expect(parseImport('"x"', instrument, levels).ok).toBe(false);
  });
  it("labels records of JSON lines with their line", () => {
    const text = `\n${JSON.stringify({ level: "board" })}`;
    const result = parseImport(text, instrument, levels);
    expect(!result.ok && result.problems[0]).toMatch(/^record 1 \(line 2\): answers: /);
  });
});
