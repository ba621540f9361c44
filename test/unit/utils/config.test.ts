import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "~/utils/config.server";

describe("TRUST_PROXY", () => {
  it("is off by default, and takes a number of proxies or their addresses", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "off" }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "loopback, 10.0.0.0/8,fd00::/8, 192.0.2.7" }).trustProxy).toEqual(["loopback", "10.0.0.0/8", "fd00::/8", "192.0.2.7"]);
  });

  it("refuses to trust every forwarder, and anything it cannot read, naming the variable", () => {
    for (const [value, message] of [
      ["true", /TRUST_PROXY: trusting every forwarder lets any client choose its own address/],
      ["*", /TRUST_PROXY: trusting every forwarder/],
      ["11", /TRUST_PROXY: give at most 10 proxies/],
      ["10.0.0.0/33", /TRUST_PROXY: "10\.0\.0\.0\/33" is not off, a number of proxies, or a list of proxy addresses/],
      ["proxy.example.org", /TRUST_PROXY: "proxy\.example\.org" is not/],
    ] as const) {
      expect(() => loadConfig({ TRUST_PROXY: value }), value).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: value }), value).toThrow(message);
    }
  });
});

describe("open-link limits", () => {
  it("default to what a room of 100 needs and a script does not get", () => {
    expect(loadConfig({}).openLinkLimits).toEqual({ burst: { limit: 30, windowMs: 10_000 }, hourly: 300, postsPerMinute: 1200 });
    expect(loadConfig({ OPEN_LINK_BURST_LIMIT: "5", OPEN_LINK_BURST_SECONDS: "60" }).openLinkLimits.burst).toEqual({ limit: 5, windowMs: 60_000 });
  });

  it("refuses limits that are not whole positive numbers", () => {
    expect(() => loadConfig({ OPEN_LINK_BURST_LIMIT: "0" })).toThrow(/OPEN_LINK_BURST_LIMIT: OPEN_LINK_BURST_LIMIT must be at least 1/);
    expect(() => loadConfig({ OPEN_LINK_HOURLY_LIMIT: "lots" })).toThrow(/OPEN_LINK_HOURLY_LIMIT must be a number/);
    expect(() => loadConfig({ OPEN_LINK_POSTS_PER_MINUTE: "2.5" })).toThrow(/OPEN_LINK_POSTS_PER_MINUTE must be a whole number/);
  });
});
