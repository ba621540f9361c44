import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { demoAccounts, seedDemo } from "~db/seed";
import { browserAndServer, openDemoRoundAsConsultant } from "../support/e2e";
import { watchForErrors } from "../support/survey-page";

const PASSWORD = "demo-password-for-tests";
const e2e = browserAndServer(async (server) => {
  await seedDemo(server.database.db, { accounts: await demoAccounts(PASSWORD) });
});

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
const overlap = (a: Box, b: Box) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

describe("the report on a phone (390 x 844) in Chromium", () => {
  it("draws readable charts: numbers never run into one another, radar labels stay inside, wide tables scroll, and axe finds nothing", async () => {
    // bypassCSP: only so axe can be injected; the app's own scripts run under its CSP in every other test.
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true });
    const page = await context.newPage();
    const problems = watchForErrors(page);
    await openDemoRoundAsConsultant(page, e2e.server.url, PASSWORD);
    await page.getByRole("link", { name: "Gap report" }).click();
    await page.waitForURL(/\/report$/);
    await expect.poll(() => page.locator(".radar").count(), { timeout: 30_000 }).toBe(4);

    const layout = await page.evaluate(() => {
      const box = (e: Element) => {
        const r = e.getBoundingClientRect();
        return { left: r.left + scrollX, right: r.right + scrollX, top: r.top + scrollY, bottom: r.bottom + scrollY };
      };
      return {
        pageWidth: document.documentElement.scrollWidth,
        values: [...document.querySelectorAll(".bars__value")].map((v) => ({ value: box(v), segment: box(v.parentElement!) })),
        labels: [...document.querySelectorAll(".bars__label")].map(box),
        radar: [...document.querySelectorAll("svg.radar")].map((svg) => ({ svg: box(svg), texts: [...svg.querySelectorAll("text.radar__label")].map(box) })),
        tables: [...document.querySelectorAll(".table-scroll")].map((region) => ({
          wide: region.scrollWidth > region.clientWidth + 1,
          overflow: getComputedStyle(region).overflowX,
          tabIndex: region.getAttribute("tabindex"),
          name: region.getAttribute("aria-label"),
        })),
      };
    });
    // Nothing pushes the page sideways.
    expect(layout.pageWidth).toBeLessThanOrEqual(390);
    expect(layout.values.length).toBeGreaterThan(16);
    for (const { value, segment } of layout.values) {
      expect(value.left).toBeGreaterThanOrEqual(segment.left - 0.5);
      expect(value.right).toBeLessThanOrEqual(segment.right + 0.5);
    }
    const numbers = layout.values.map((v) => v.value);
    for (let i = 0; i < numbers.length; i++) for (let j = i + 1; j < numbers.length; j++) expect(overlap(numbers[i]!, numbers[j]!)).toBe(false);
    for (const label of layout.labels) for (const number of numbers) expect(overlap(label, number)).toBe(false);
    for (const { svg, texts } of layout.radar) {
      expect(texts).toHaveLength(4);
      for (const text of texts) {
        expect(text.left).toBeGreaterThanOrEqual(svg.left);
        expect(text.right).toBeLessThanOrEqual(svg.right);
        expect(text.top).toBeGreaterThanOrEqual(svg.top);
        expect(text.bottom).toBeLessThanOrEqual(svg.bottom);
        // Readable: a line of label at least 9 CSS pixels high.
        expect(text.bottom - text.top).toBeGreaterThanOrEqual(9);
      }
      for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) expect(overlap(texts[i]!, texts[j]!)).toBe(false);
    }
    // Wide tables scroll inside their own named, focusable region instead of widening the page.
    expect(layout.tables.some((t) => t.wide)).toBe(true);
    for (const table of layout.tables.filter((t) => t.wide)) {
      expect(table.overflow).toBe("auto");
      expect(table.tabIndex).toBe("0");
      expect(table.name).toBeTruthy();
    }

    const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      });
      return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
