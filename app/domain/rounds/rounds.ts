import { z } from "zod";
import { CUSTOMERS_LEVEL_ID } from "./customers-level";

export const DEFAULT_MIN_GROUP_SIZE = 5;
/** Below three, a level's mean would come too close to one person's answers. */
export const MIN_GROUP_SIZE_FLOOR = 3;
export const DEFAULT_LEVELS = [
  { key: "board", label: "Board" },
  { key: "senior", label: "Senior managers" },
  { key: "middle", label: "Middle managers" },
  { key: "front", label: "Front line" },
] as const;

export const minGroupSizeSchema = z.coerce
  .number({ error: "minimum group size must be a number" })
  .int("minimum group size must be a whole number")
  .min(MIN_GROUP_SIZE_FLOOR, `minimum group size cannot be below ${MIN_GROUP_SIZE_FLOOR}`)
  .max(1000, "minimum group size must be at most 1000");

export { CUSTOMERS_LABEL, CUSTOMERS_LEVEL_ID } from "./customers-level";

export const levelKeySchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, "a level id uses letters, digits, - and _ (up to 40, starting with a letter or digit)")
  .refine((key) => key.toLowerCase() !== CUSTOMERS_LEVEL_ID, {
    message: `"${CUSTOMERS_LEVEL_ID}" is reserved for the round's customers: ask them with --customers (or the round form's customer option), and give this level another id`,
  });
export const levelLabelSchema = z.string().trim().min(1, "a level needs a label").max(80, "keep a level's label under 80 characters");

export const levelSpecSchema = z
  .array(z.object({ key: levelKeySchema, label: levelLabelSchema }))
  .min(2, "a round needs at least two levels to compare")
  .max(12, "a round can have at most 12 levels")
  .superRefine((levels, ctx) => {
    const seen = new Set<string>();
    for (const level of levels) {
      if (seen.has(level.key)) ctx.addIssue({ code: "custom", message: `level id "${level.key}" is used twice` });
      seen.add(level.key);
    }
  });

export type LevelSpec = z.infer<typeof levelSpecSchema>;

/** "board:Board,middle:Middle managers" -> [{ key, label }], the CLI's --levels format. */
export function parseLevelList(text: string): z.ZodSafeParseResult<LevelSpec> {
  const entries = text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const colon = part.indexOf(":");
      return colon < 0 ? { key: part, label: "" } : { key: part.slice(0, colon), label: part.slice(colon + 1) };
    });
  return levelSpecSchema.safeParse(entries);
}

export const roundNameSchema = z.string().trim().min(1, "give the round a name").max(120, "keep the name under 120 characters");
export const organisationNameSchema = z
  .string()
  .trim()
  .min(1, "give the organisation a name")
  .max(120, "keep the name under 120 characters");

export type Availability = "open" | "not_open" | "closed";

/** Whether a round takes answers now: it must be open, and inside its dates when it has them. */
export function roundAvailability(
  round: { status: "draft" | "open" | "closed"; opensAt: Date | null; closesAt: Date | null },
  now: Date,
): Availability {
  if (round.status === "closed") return "closed";
  if (round.closesAt && round.closesAt.getTime() <= now.getTime()) return "closed";
  if (round.status === "draft") return "not_open";
  if (round.opensAt && round.opensAt.getTime() > now.getTime()) return "not_open";
  return "open";
}
