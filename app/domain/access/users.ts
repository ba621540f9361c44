import { z } from "zod";

export const ROLE_LIST = ["admin", "facilitator", "consultant"] as const;

export const emailSchema = z
  .string({ error: "enter an email address" })
  .trim()
  .toLowerCase()
  .max(254, "an email address is at most 254 characters")
  .pipe(z.email({ error: "enter an email address such as name@example.org" }));

export const MIN_PASSWORD_LENGTH = 10;
export const passwordSchema = z
  .string({ error: "enter a password" })
  .min(MIN_PASSWORD_LENGTH, `use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, "use at most 200 characters");

export const roleSchema = z.enum(ROLE_LIST, { error: "choose admin, facilitator or consultant" });

export const personNameSchema = z.string().trim().max(120, "keep the name under 120 characters");
