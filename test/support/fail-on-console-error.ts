import { afterEach, beforeEach, vi, expect } from "vitest";

/** An error logged during a test is a bug the assertions did not catch: fail the test. */
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.mocked(console.error).mockRestore();
  expect(errors.map((args) => args.map(String).join(" ")), "console.error was called").toEqual([]);
});
