import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { FailureLimiter } from "~/utils/rate-limit.server";
import { safeRedirect } from "~/utils/form.server";

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

describe("FailureLimiter", () => {
  it("locks a key after the limit within the window, and frees it as failures age out", () => {
    const limiter = new FailureLimiter(3, 1000);
    for (const at of [0, 100, 200]) limiter.fail("k", at);
    expect(limiter.retryAfter("k", 300)).toBe(700);
    expect(limiter.retryAfter("other", 300)).toBe(0);
    expect(limiter.retryAfter("k", 1001)).toBe(0);
    limiter.fail("k", 1001);
    limiter.clear("k");
    expect(limiter.retryAfter("k", 1002)).toBe(0);
  });
});

describe("safeRedirect", () => {
  it("keeps same-site paths and refuses everything else", () => {
    expect(safeRedirect("/rounds/abc?x=1")).toBe("/rounds/abc?x=1");
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", null, ""]) expect(safeRedirect(bad)).toBe("/orgs");
  });
});
