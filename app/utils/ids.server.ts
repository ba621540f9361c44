import { randomBytes } from "node:crypto";

/** Link and invitation tokens: 128 bits from the CSPRNG, URL-safe. */
export function newToken(): string {
  return randomBytes(16).toString("base64url");
}

// 32 symbols without look-alikes (no 0/o, 1/l): each byte's low 5 bits pick one without bias.
const ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** Short ids for rounds and organisations: 60 random bits, lower-case, never starting with "-". */
export function newId(length = 12): string {
  return Array.from(randomBytes(length), (byte) => ID_ALPHABET[byte & 31]).join("");
}
