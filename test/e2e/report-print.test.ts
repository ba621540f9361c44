import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rounds } from "~db/schema";
import { demoAccounts, seedDemo } from "~db/seed";
import { browserAndServer } from "../support/e2e";
import { watchForErrors } from "../support/survey-page";

const PASSWORD = "demo-password-for-tests";
let roundId = "";
const e2e = browserAndServer(async (server) => {
  const ids = await seedDemo(server.database.db, { accounts: await demoAccounts(PASSWORD) });
  roundId = ids.closedRoundId;
  await server.database.db.transaction(async (tx) => {
    await tx.update(rounds).set({ strategy: { key_account: 20, relationship: 40, retail: 30, social: 10 } }).where(eq(rounds.id, roundId));
  });
});

/** A4 less the print view's side margins (14 mm each): the printable width, in CSS pixels. */
const PRINTABLE_WIDTH = Math.floor(((210 - 28) / 25.4) * 96);

async function printView() {
  const context = await e2e.browser.newContext({ viewport: { width: PRINTABLE_WIDTH, height: 1000 } });
  const page = await context.newPage();
  const problems = watchForErrors(page);
  await page.goto(`${e2e.server.url}/login`);
  await page.getByLabel("Email").fill("consultant@northwind.example");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/orgs$/);
  await page.goto(`${e2e.server.url}/rounds/${roundId}/report/print`);
  await page.emulateMedia({ media: "print" });
  return { context, page, problems };
}

describe("the print view in Chromium", () => {
  it("keeps every chart and table inside the printable width of A4, bars to their last segment and radar labels inside their drawing", async () => {
    const { context, page, problems } = await printView();
    const layout = await page.evaluate(() => {
      const box = (e: Element) => e.getBoundingClientRect();
      const content = box(document.querySelector("main")!);
      return {
        content: { left: content.left, right: content.right },
        charts: [...document.querySelectorAll(".chart, table")].map((e) => ({ what: `${e.tagName} ${e.className} ${e.closest("[aria-labelledby]")?.getAttribute("aria-labelledby")}`, left: box(e).left, right: box(e).right })),
        bars: [...document.querySelectorAll(".bars__track")].map((track) => ({
          track: box(track).right,
          segments: track.querySelectorAll(".bars__segment").length,
          last: box(track.lastElementChild!).right,
          widths: [...track.children].reduce((sum, s) => sum + box(s).width, 0),
          trackWidth: box(track).width,
        })),
        radarLabels: [...document.querySelectorAll("svg.radar")].flatMap((svg) =>
          [...svg.querySelectorAll("text")].map((text) => ({ svg: box(svg), text: box(text) })),
        ),
      };
    });
    expect(layout.content.right).toBeLessThanOrEqual(PRINTABLE_WIDTH);
    expect(layout.charts.length).toBeGreaterThan(10);
    expect(layout.charts.filter((chart) => chart.left < layout.content.left - 0.5 || chart.right > layout.content.right + 0.5)).toEqual([]);
    // Every bar is drawn to its end: its segments fill the track (social engagement included) and end inside it.
    expect(layout.bars.length).toBe(8);
    for (const bar of layout.bars) {
      expect(bar.segments).toBe(4);
      expect(bar.last).toBeLessThanOrEqual(bar.track + 0.5);
      expect(bar.widths).toBeGreaterThan(bar.trackWidth - 3);
    }
    expect(layout.radarLabels.length).toBeGreaterThan(16);
    for (const { svg, text } of layout.radarLabels) {
      expect(text.left).toBeGreaterThanOrEqual(svg.left);
      expect(text.right).toBeLessThanOrEqual(svg.right);
      expect(text.top).toBeGreaterThanOrEqual(svg.top);
      expect(text.bottom).toBeLessThanOrEqual(svg.bottom);
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it("runs the organisation, round and date in the page margin, where nothing can cover the content, and starts each section on a new page", async () => {
    const { context, page } = await printView();
    const print = await page.evaluate(() => {
      const positioned = [...document.querySelectorAll("body *")].filter((e) => {
        const style = getComputedStyle(e);
        return (style.position === "fixed" || style.position === "sticky") && style.display !== "none" && e.getBoundingClientRect().height > 0;
      });
      const pageRules = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules]).filter((rule) => rule instanceof CSSPageRule) as CSSPageRule[];
      const marginBoxes = pageRules.flatMap((rule) => [...rule.cssRules].map((margin) => ({ name: (margin as CSSRule & { name: string }).name, content: (margin as CSSStyleRule).style.getPropertyValue("content") })));
      const sections = [...document.querySelectorAll(".report-section")].map((s) => getComputedStyle(s).breakBefore);
      return { positioned: positioned.map((e) => e.className), marginBoxes, sections };
    });
    // Nothing is pinned over the content (a fixed running header covered headings on several pages).
    expect(print.positioned).toEqual([]);
    const footer = print.marginBoxes.find((box) => box.name === "bottom-left" && box.content !== "");
    expect(footer?.content).toContain("Northwind Retail");
    expect(footer?.content).toContain("Baseline diagnostic");
    expect(footer?.content).toMatch(/\d{4}.2d.\d{2}.2d.\d{2}|\d{4}-\d{2}-\d{2}/);
    expect(print.sections.slice(1).every((value) => value === "page")).toBe(true);

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const text = pdf.toString("latin1");
    const pages = text.match(/\/Type\s*\/Page(?!s)/g) ?? [];
    // At least one page per section (they start on a new page), and A4 pages (595 x 842 points).
    expect(pages.length).toBeGreaterThanOrEqual(print.sections.length);
    const sizes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    expect(sizes).toHaveLength(pages.length);
    expect(sizes.every(([w, h]) => w === 595 && h === 842)).toBe(true);
    console.info(`print view of the demo round: ${pages.length} A4 pages, ${pdf.length} bytes`);
    await context.close();
  });
});
