import { describe, expect, it } from "vitest";
import { classifyRespondentPath } from "~/server/open-link-limits";

describe("classifyRespondentPath", () => {
  it("tells starts and submissions from other posts under a link, with or without Remix's .data suffix", () => {
    expect(classifyRespondentPath("/r/AbC_-123")).toEqual({ token: "AbC_-123", action: "start" });
    expect(classifyRespondentPath("/r/AbC_-123.data")).toEqual({ token: "AbC_-123", action: "start" });
    expect(classifyRespondentPath("/r/tok/survey")).toEqual({ token: "tok", action: "submit" });
    expect(classifyRespondentPath("/r/tok/survey.data")).toEqual({ token: "tok", action: "submit" });
    expect(classifyRespondentPath("/r/tok/save")).toEqual({ token: "tok", action: "other" });
    expect(classifyRespondentPath("/r/tok/page/3")).toEqual({ token: "tok", action: "other" });
  });

  it("ignores everything that is not under a link", () => {
    for (const path of ["/r/", "/r", "/login", "/rounds/abc", "/r//survey"]) expect(classifyRespondentPath(path), path).toBeUndefined();
  });
});
