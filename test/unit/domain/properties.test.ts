import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answersSchema, type Answers } from "~/domain/instrument/answers";
import { currentInstrument as instrument } from "~/domain/instrument/instruments";
import { previewInvitations } from "~/domain/rounds/invitation-csv";
import { parseImport } from "~/domain/rounds/response-import";
import { scoreResponse } from "~/domain/instrument/scoring";
import { hostileAnswers, validAnswers } from "../../support/arbitraries";

const total = (profile: Record<string, number>) => Object.values(profile).reduce((a, b) => a + b, 0);
const submit = answersSchema(instrument, "submit");

describe("properties", () => {
  it("accepts every valid answers object and scores it into compositions", () => {
    fc.assert(
      fc.property(validAnswers, (answers) => {
        const parsed = submit.safeParse(answers);
        expect(parsed.success).toBe(true);
        const scores = scoreResponse(instrument, parsed.data as Answers);
        expect(total(scores.explicit)).toBeCloseTo(1, 12);
        expect(total(scores.desired)).toBeCloseTo(1, 12);
        if (scores.implicit) {
          expect(total(scores.implicit)).toBeCloseTo(1, 12);
          for (const value of Object.values(scores.intensities!)) expect(value >= 0 && value <= 1).toBe(true);
        }
        for (const profile of Object.values(scores.facetProfiles)) if (profile) expect(total(profile)).toBeCloseTo(1, 12);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on hostile answers: it accepts or explains", () => {
    fc.assert(
      fc.property(hostileAnswers, (answers) => {
        const parsed = submit.safeParse(answers);
        if (!parsed.success) for (const issue of parsed.error.issues) expect(issue.message.length).toBeGreaterThan(5);
        if (parsed.success) expect(() => scoreResponse(instrument, parsed.data)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it("reads any text as an import file without throwing, naming problems when it refuses", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.array(fc.record({ level: fc.string(), answers: hostileAnswers })).map((r) => JSON.stringify(r))), (text) => {
        const result = parseImport(text, instrument, ["board", "front"]);
        if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it("previews any text as a participants file without throwing, with line numbers in the file", () => {
    const levels = [{ key: "board", label: "Board" }];
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(fc.array(fc.string(), { maxLength: 4 })).map((rows) => rows.map((r) => r.join(",")).join("\n"))), (text) => {
        const preview = previewInvitations(text, levels, new Set());
        const lines = text.split(/\r\n|\r|\n/).length;
        for (const row of preview.rows) expect(row.line >= 1 && row.line <= lines).toBe(true);
        expect(preview.valid).toBe(preview.problems.length === 0 && preview.rows.every((r) => r.errors.length === 0));
      }),
      { numRuns: 300 },
    );
  });
});
