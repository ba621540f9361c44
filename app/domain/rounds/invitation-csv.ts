import Papa from "papaparse";
import { emailSchema } from "../access/users";

export interface InvitationRow {
  /** The line of the file the row starts on (1-based, counting the header). */
  line: number;
  email: string;
  levelKey: string | null;
  levelText: string;
  name: string | null;
  errors: string[];
  /** Already invited to this round: not an error, the row is skipped (a re-uploaded list adds only the new people). */
  alreadyInvited: boolean;
}

export interface InvitationPreview {
  rows: InvitationRow[];
  /** Problems with the file as a whole (no rows, too many, unreadable). */
  problems: string[];
  valid: boolean;
  /** The rows an import would add: good rows of people not yet invited. */
  toInvite: InvitationRow[];
}

export const MAX_INVITATIONS_PER_UPLOAD = 5000;

/**
 * Reads a participants CSV (email, level, optional name), with or without a
 * header row, and checks every row: a valid email, a level of this round (by
 * id or label), no email twice. People already invited are marked to be
 * skipped, not refused, so a corrected or extended list can be uploaded again.
 * Nothing is stored here; the preview shows bad rows with their line numbers.
 */
export function previewInvitations(
  text: string,
  levels: readonly { key: string; label: string }[],
  alreadyInvited: ReadonlySet<string>,
): InvitationPreview {
  const cleaned = text.replace(/^\uFEFF/, "");
  const records: { line: number; cells: string[] }[] = [];
  let offset = 0;
  let line = 1;
  Papa.parse<string[]>(cleaned, {
    skipEmptyLines: false,
    step: (result) => {
      const end = result.meta.cursor;
      const cells = (result.data as string[]).map((cell) => cell.trim());
      if (cells.some((cell) => cell !== "")) records.push({ line, cells });
      line += (cleaned.slice(offset, end).match(/\r\n|\r|\n/g) ?? []).length;
      offset = end;
    },
  });
  if (records.length === 0) return { rows: [], problems: ["The file has no rows. Give one participant per row: email, level, name (optional)."], valid: false, toInvite: [] };

  const header = records[0]!.cells.map((cell) => cell.toLowerCase());
  const hasHeader = header.includes("email");
  const column = (name: string, fallback: number) => (hasHeader ? header.indexOf(name) : fallback);
  const [emailAt, levelAt, nameAt] = [column("email", 0), column("level", 1), column("name", 2)];
  const problems: string[] = [];
  if (hasHeader && levelAt < 0) problems.push('The header has no "level" column: name the columns email, level, name.');
  const body = hasHeader ? records.slice(1) : records;
  if (body.length > MAX_INVITATIONS_PER_UPLOAD) problems.push(`The file has ${body.length} rows; upload at most ${MAX_INVITATIONS_PER_UPLOAD} at a time.`);
  if (body.length === 0 && problems.length === 0) problems.push("The file has a header but no participants.");

  const byName = new Map<string, string>();
  for (const level of levels) {
    byName.set(level.key.toLowerCase(), level.key);
    byName.set(level.label.toLowerCase(), level.key);
  }
  const firstLine = new Map<string, number>();
  const rows = body.map(({ line: rowLine, cells }): InvitationRow => {
    const errors: string[] = [];
    const rawEmail = cells[emailAt] ?? "";
    const email = emailSchema.safeParse(rawEmail);
    if (!email.success) errors.push(rawEmail ? `"${rawEmail}" is not an email address` : "the email is missing");
    const levelText = levelAt >= 0 ? (cells[levelAt] ?? "") : "";
    const levelKey = byName.get(levelText.toLowerCase()) ?? null;
    if (!levelKey) {
      errors.push(levelText ? `"${levelText}" is not a level of this round (use one of: ${levels.map((l) => l.label).join(", ")})` : "the level is missing");
    }
    const name = (nameAt >= 0 ? cells[nameAt] : undefined) || null;
    if (name && name.length > 120) errors.push("the name is longer than 120 characters");
    // The confirming form would be refused for it (no text of ours holds one): say so on the row, before confirming.
    if (cells.some((cell) => cell.includes("\0"))) errors.push("a cell holds a NUL character (\\0); remove it");
    const normalised = email.success ? email.data : rawEmail.toLowerCase();
    if (email.success) {
      const earlier = firstLine.get(normalised);
      if (earlier !== undefined) errors.push(`this email is also on line ${earlier}`);
      else firstLine.set(normalised, rowLine);
    }
    return { line: rowLine, email: normalised, levelKey, levelText, name, errors, alreadyInvited: email.success && alreadyInvited.has(normalised) };
  });
  const valid = problems.length === 0 && rows.every((row) => row.errors.length === 0);
  return { rows, problems, valid, toInvite: valid ? rows.filter((row) => !row.alreadyInvited) : [] };
}
