import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/** scrypt is memory-hard: N = 2^15, r = 8 needs 32 MB per guess, which makes GPU cracking expensive. */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await derive(password, Buffer.from(salt, "base64url"), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Spends the same time as a real check, so an unknown email cannot be told from a wrong password by timing. */
let dummy: Promise<string> | undefined;
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword("not a real password");
  await verifyPassword(password, await dummy);
  return false;
}

type Checker = { check(password: string, userInputs?: (string | number)[]): { score: number; feedback: { warning: string | null } } };
let checker: Promise<Checker> | undefined;

/** zxcvbn's English and common dictionaries are a few megabytes: loaded on the first check, not by every command that starts. */
function loadChecker(): Promise<Checker> {
  checker ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common"), import("@zxcvbn-ts/language-en")]).then(
    ([{ ZxcvbnFactory }, common, en]) =>
      new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...en.dictionary }, graphs: common.adjacencyGraphs, translations: en.translations }),
  );
  return checker;
}

/** zxcvbn's scale: 3 is "safely unguessable: moderate protection from offline slow-hash scenario" (about 10^8 guesses and more). */
export const MIN_PASSWORD_SCORE = 3;

export const GOOD_PASSWORD_ADVICE =
  "Use a longer passphrase: four or more unrelated words, or a mix that is not a name, a date, a keyboard row or repeated characters.";

/**
 * Why a password is too easy to guess, or null when it is strong enough.
 * Judged by zxcvbn (dictionaries of common passwords, names and words,
 * keyboard patterns, repeats, dates), and against the person's own email and
 * name, which a guesser would try first.
 */
export async function passwordWeakness(password: string, userInputs: (string | null | undefined)[] = []): Promise<string | null> {
  const inputs = userInputs.flatMap((input) => (input ? [input, ...input.split(/[@.\s_-]+/).filter((part) => part.length >= 3)] : []));
  const result = (await loadChecker()).check(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const warning = result.feedback.warning ? ` (${result.feedback.warning.replace(/\.$/, "").toLowerCase()})` : "";
  return `this password is too easy to guess${warning}. ${GOOD_PASSWORD_ADVICE}`;
}
