import { z } from "zod";
import { DEFAULT_MIN_GROUP_SIZE, levelLabelSchema, minGroupSizeSchema, roundNameSchema } from "./rounds";

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
          const key = label.toLowerCase();
          if (seen.has(key)) ctx.addIssue({ code: "custom", message: `"${label}" appears twice: give each level its own name` });
          seen.add(key);
        }
      }),
    levelIds: z.array(z.string().regex(/^\d*$/)),
    opensOn: dateSchema,
    closesOn: dateSchema,
    minGroupSize: minGroupSizeSchema.default(DEFAULT_MIN_GROUP_SIZE),
    welcomeNote: z.string().trim().max(2000, "keep the welcome note under 2,000 characters").default(""),
  })
  .superRefine((form, ctx) => {
    if (form.opensOn && form.closesOn && form.closesOn < form.opensOn) {
      ctx.addIssue({ code: "custom", path: ["closesOn"], message: "the closing date must be on or after the opening date" });
    }
    if (form.levelIds.length !== form.levelLabels.length) ctx.addIssue({ code: "custom", path: ["levelLabels"], message: "the levels did not arrive whole; reload and try again" });
  });

export type RoundForm = z.infer<typeof roundFormSchema>;

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
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}
