import { describe, expect, it } from "vitest";
import { previewInvitations } from "~/domain/rounds/invitation-csv";

const levels = [
  { key: "board", label: "Board" },
  { key: "front", label: "Front line" },
];

describe("previewInvitations", () => {
  it("reads a file with a header in any column order, matching levels by id or label", () => {
    const preview = previewInvitations("name,email,level\nAnn,ANN@example.org,Board\n,bob@example.org,front line\n", levels, new Set());
    expect(preview.valid).toBe(true);
    expect(preview.rows).toEqual([
      { line: 2, email: "ann@example.org", levelKey: "board", levelText: "Board", name: "Ann", errors: [], alreadyInvited: false },
      { line: 3, email: "bob@example.org", levelKey: "front", levelText: "front line", name: null, errors: [], alreadyInvited: false },
    ]);
  });

  it("marks a row with a NUL character before anyone confirms it", () => {
    const preview = previewInvitations("b@example.org,board,An\u0000n\nc@example.org,board,Cy\n", levels, new Set());
    expect(preview.valid).toBe(false);
    expect(preview.rows.map((r) => r.errors)).toEqual([["a cell holds a NUL character (\\0); remove it"], []]);
  });

  it("reads a file without a header as email, level, name", () => {
    const preview = previewInvitations("ann@example.org,board,Ann Lee\r\n", levels, new Set());
    expect(preview.rows[0]).toMatchObject({ line: 1, email: "ann@example.org", levelKey: "board", name: "Ann Lee" });
  });

  it("marks bad rows with their real line numbers, skipping blank lines and multi-line cells", () => {
    const text = 'email,level,name\nann@example.org,board,Ann\n\nnot-an-email,board,X\nbob@example.org,Sales,"Bob\nSmith"\nann@example.org,front,Ann again\n';
    const preview = previewInvitations(text, levels, new Set(["carl@example.org"]));
    expect(preview.valid).toBe(false);
    expect(preview.rows.map((r) => [r.line, r.errors])).toEqual([
      [2, []],
      [4, ['"not-an-email" is not an email address']],
      [5, ['"Sales" is not a level of this round (use one of: Board, Front line)']],
      [7, ["this email is also on line 2"]],
    ]);
  });

  it("skips people already invited instead of refusing the file, and adds only the new ones", () => {
    const preview = previewInvitations("carl@example.org,board\nCARL@example.org,front\ndora@example.org,front\n", levels, new Set(["carl@example.org"]));
    expect(preview.rows.map((r) => [r.email, r.alreadyInvited, r.errors])).toEqual([
      ["carl@example.org", true, []],
      ["carl@example.org", true, ["this email is also on line 1"]],
      ["dora@example.org", false, []],
    ]);
    // A duplicate inside the file is still a mistake to fix; without it, the file is good and adds Dora alone.
    expect(preview.valid).toBe(false);
    expect(preview.toInvite).toEqual([]);
    const fixed = previewInvitations("carl@example.org,board\ndora@example.org,front\n", levels, new Set(["carl@example.org"]));
    expect(fixed.valid).toBe(true);
    expect(fixed.toInvite.map((r) => r.email)).toEqual(["dora@example.org"]);
  });

  it("offers nobody to add when everyone is already invited", () => {
    const preview = previewInvitations("carl@example.org,board\n", levels, new Set(["carl@example.org"]));
    expect(preview.valid).toBe(true);
    expect(preview.toInvite).toEqual([]);
  });

  it("explains an empty file and a header without a level column", () => {
    expect(previewInvitations("\n\n", levels, new Set()).problems[0]).toMatch(/no rows/);
    expect(previewInvitations("email,team\na@example.org,x", levels, new Set()).problems[0]).toMatch(/no "level" column/);
  });
});
