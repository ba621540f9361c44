import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/utils/form.server";
import { hashPassword, passwordWeakness, verifyPassword } from "~/utils/password.server";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one, with a fresh salt each time", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    expect(await hashPassword("correct horse battery")).not.toBe(hash);
    expect(await verifyPassword("x", "md5$abc")).toBe(false);
  });
});

describe("password strength", () => {
  it("refuses passwords a guesser tries first, saying what makes a good one", { timeout: 30_000 }, async () => {
    for (const weak of ["aaaaaaaaaa", "qwertyuiop", "password123", "1234567890", "iloveyou12"]) {
      const weakness = await passwordWeakness(weak);
      expect(weakness, weak).toMatch(/^this password is too easy to guess/);
      expect(weakness).toContain("four or more unrelated words");
    }
    expect(await passwordWeakness("aaaaaaaaaa")).toContain("repeated characters");
  });

  it("refuses a password built from the person's own email or name", { timeout: 30_000 }, async () => {
    expect(await passwordWeakness("zorblaxquintavius", [])).toBeNull();
    expect(await passwordWeakness("zorblaxquintavius", ["zorblax.quintavius@example.org"])).toMatch(/personal/);
  });

  it("accepts long passphrases and random strings", { timeout: 30_000 }, async () => {
    for (const strong of ["plaid otter mango lantern", "correct horse battery staple", "Vq7#kR2!mZ9p", "a long passphrase"]) {
      expect(await passwordWeakness(strong), strong).toBeNull();
    }
  });
});

const ORIGIN = "https://survey.example.org";
/** What a browser does with a Location header: resolve it against the page it came from. */
const browserTarget = (location: string) => new URL(location, `${ORIGIN}/login?redirectTo=x`);

/** Paths made of ordinary segments, which must come back unchanged. */
const plainPath = fc
  .array(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), { minLength: 0, maxLength: 5 })
  .chain((segments) => fc.option(fc.stringMatching(/^[a-z]{1,5}=[A-Za-z0-9]{0,6}$/), { nil: undefined }).map((query) => `/${segments.join("/")}${query ? `?${query}` : ""}`));

/** Targets an attacker would try: other hosts, schemes, encodings, control characters, dot segments and non-ASCII. */
const hostileTarget = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc
    .array(
      fc.constantFrom("/", "//", "\\", "/\\", "%09", "\t", "\n", "\r", "%0a", "%2f", "%5c", ".", "..", "/./", "/../", "evil.example", "@", ":", "https:", "javascript:", "日本", "?", "#", " ", "%", "%E0%A4%A", "\u0000", "\u202e"),
      { minLength: 1, maxLength: 8 },
    )
    .map((parts) => parts.join("")),
  fc.webUrl(),
  plainPath.map((path) => `/${path}`),
);

describe("safeRedirect", () => {
  it("keeps ordinary same-site paths exactly", () => {
    fc.assert(
      fc.property(plainPath, (path) => {
        expect(safeRedirect(path)).toBe(path);
      }),
    );
  });

  it("always returns a path a browser resolves on this site, as a valid header value", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(hostileTarget, (target) => {
        const result = safeRedirect(target);
        expect(result).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/); // printable ASCII: no header injection, no 500 from a bad header
        const resolved = browserTarget(result);
        expect(resolved.origin).toBe(ORIGIN);
        expect(resolved.pathname).not.toMatch(/^\/log(in|out)(\.data)?$/);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses the known tricks", () => {
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", "/\t/evil.example/phish", "/%09/evil.example/phish", "/.//evil", "/\n/evil", "/login", null, ""]) {
      const result = safeRedirect(bad?.replace("%09", "\t") ?? null);
      expect(browserTarget(result).host, String(bad)).toBe("survey.example.org");
      expect(result).toBe("/orgs");
    }
    expect(safeRedirect("/日本?q=ä#x")).toBe("/%E6%97%A5%E6%9C%AC?q=%C3%A4#x");
  });
});
