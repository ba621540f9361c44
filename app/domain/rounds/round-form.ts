import { z } from "zod";
import { minGroupChangeProblem } from "./min-group";
import { CUSTOMERS_LEVEL_ID, DEFAULT_MIN_GROUP_SIZE, levelLabelSchema, minGroupSizeSchema, roundNameSchema } from "./rounds";
import { MAX_STORED_INTEGER } from "~/domain/stored-integer";

const dateSchema = z
  .string()
  .trim()
  .refine((value) => value === "" || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))), "use a date such as 2027-03-31")
  .transform((value) => value || null);

/**
 * The round form (create and edit). Levels arrive as parallel lists of labels
 * and existing level ids ("" for a new level), in the order shown.
 */
export const roundFormSchema = z
  .object({
    name: roundNameSchema,
    instrument: z.string().regex(/^[a-z][a-z0-9-]*@\d+$/, "choose an instrument version"),
    levelLabels: z
      .array(levelLabelSchema)
      .min(2, "a round needs at least two levels to compare")
      .max(12, "a round can have at most 12 levels")
      .superRefine((labels, ctx) => {
        const seen = new Set<string>();
        for (const label of labels) {
          const key = label.trim().toLowerCase();
          if (key === "") continue; // an empty label has its own message
          if (seen.has(key)) ctx.addIssue({ code: "custom", message: `"${label}" appears twice: give each level its own name` });
          seen.add(key);
        }
      }),
    levelIds: z.array(z.string().regex(/^\d*$/).refine((id) => Number(id) <= MAX_STORED_INTEGER, "the levels did not arrive whole; reload and try again")),
    opensOn: dateSchema,
    closesOn: dateSchema,
    minGroupSize: minGroupSizeSchema.default(DEFAULT_MIN_GROUP_SIZE),
    welcomeNote: z.string().trim().max(2000, "keep the welcome note under 2,000 characters").default(""),
    /** Ask the organisation's customers too: adds the customer link. */
    customers: z.boolean().default(false),
  })
  .superRefine((form, ctx) => {
    if (form.opensOn && form.closesOn && form.closesOn < form.opensOn) {
      ctx.addIssue({ code: "custom", path: ["closesOn"], message: "the closing date must be on or after the opening date" });
    }
    if (form.levelIds.length !== form.levelLabels.length) ctx.addIssue({ code: "custom", path: ["levelLabels"], message: "the levels did not arrive whole; reload and try again" });
  });

export type RoundForm = z.infer<typeof roundFormSchema>;

/** What the form's checks need besides the fields: the clock, the instruments, and (when editing) the minimum group rule. */
export interface RoundFormRules {
  now: Date;
  instrumentExists: (id: string, version: number) => boolean;
  /** Editing: the round's current minimum group and whether anyone has answered. */
  minGroup?: { current: number; anyResponse: boolean };
}

export type RoundFormErrors = Record<string, string>;

/**
 * Every problem of the form at once, keyed by field (levels together, each
 * named), so the person fixes everything in one go: the schema's issues and
 * the rules that need more than the fields (a known instrument, a closing day
 * not yet past, a minimum group that only goes up) all run, whatever else failed.
 */
export function checkRoundForm(input: ReturnType<typeof roundFormInput>, rules: RoundFormRules): { ok: true; form: RoundForm } | { ok: false; errors: RoundFormErrors } {
  const messages = new Map<string, string[]>();
  const add = (field: string, message: string) => {
    const list = messages.get(field) ?? [];
    if (!list.includes(message)) messages.set(field, [...list, message]);
  };
  const parsed = roundFormSchema.safeParse(input);
  for (const issue of parsed.error?.issues ?? []) {
    const [field, index] = issue.path;
    if (field === "levelLabels" && typeof index === "number") add("levelLabels", `level ${index + 1}: ${issue.message}`);
    else add(field === undefined ? "form" : String(field), issue.message);
  }
  const instrument = /^([a-z][a-z0-9-]*)@(\d+)$/.exec(input.instrument);
  if (instrument && !rules.instrumentExists(instrument[1]!, Number(instrument[2]))) add("instrument", "choose one of the listed questionnaires");
  const closesOn = dateSchema.safeParse(input.closesOn);
  const closesAt = closesOn.success ? closingInstant(closesOn.data) : null;
  if (closesAt && closesAt.getTime() < rules.now.getTime()) add("closesOn", "the closing date has passed; choose a later day or leave it empty");
  const minGroupSize = minGroupSizeSchema.default(DEFAULT_MIN_GROUP_SIZE).safeParse(input.minGroupSize);
  if (minGroupSize.success && rules.minGroup) {
    const problem = minGroupChangeProblem({ ...rules.minGroup, proposed: minGroupSize.data });
    if (problem) add("minGroupSize", problem);
  }
  if (parsed.success && messages.size === 0) return { ok: true, form: parsed.data };
  return { ok: false, errors: Object.fromEntries([...messages].map(([field, list]) => [field, list.join("; ")])) };
}

/** Reads the round form's fields from FormData (levels as repeated fields). */
export function roundFormInput(form: FormData) {
  const text = (name: string) => (form.get(name) ?? "").toString();
  return {
    name: text("name"),
    instrument: text("instrument"),
    levelLabels: form.getAll("levelLabel").map(String),
    levelIds: form.getAll("levelId").map(String),
    opensOn: text("opensOn"),
    closesOn: text("closesOn"),
    minGroupSize: text("minGroupSize") || undefined,
    welcomeNote: text("welcomeNote"),
    customers: form.get("customers") === "on",
  };
}

/** A date field's day as the instant a round opens (start of day, UTC) or closes (end of day, UTC). */
export const openingInstant = (day: string | null) => (day ? new Date(`${day}T00:00:00.000Z`) : null);
export const closingInstant = (day: string | null) => (day ? new Date(`${day}T23:59:59.999Z`) : null);
export const dayOf = (instant: Date | null) => (instant ? instant.toISOString().slice(0, 10) : "");

/** A level id (used by imports and exports) from its label: "Middle managers" -> "middle-managers", unique in the round. */
export function levelKeyFromLabel(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 36) || "level";
  let key = base;
  // "customers" is the customers' own level id: a staff level called "Customers" gets "customers-2".
  for (let n = 2; taken.has(key) || key === CUSTOMERS_LEVEL_ID; n++) key = `${base}-${n}`;
  return key;
}
