import PptxGenJS from "pptxgenjs";
import { customersHeadline, npsText } from "~/components/report/customers-section";
import { findingTitle } from "~/components/report/findings-list";
import { gapColour } from "~/components/report/gap-heatmap";
import { levelHeadline, storyHeadline } from "~/components/report/headlines";
import { modelColour, shortLabel } from "~/components/report/models";
import { sayProfile } from "~/components/report/say";
import { PATTERN_TEXT } from "~/domain/report/pattern-text";
import type { ReportFinding, ReportLevel } from "~/domain/report/report";
import { STRATEGY_PROFILES } from "~/domain/report/strategy";
import type { FullReport } from "~/models/reports.server";
import { percent, signedPoints } from "./format";

/**
 * The report as a PowerPoint deck, where a consultant's work ends up: title, executive summary, intended
 * mix, the say-do chart, one card per finding with its evidence, each level's profiles, the heatmap, the
 * levels not reported, and method and anonymity notes. Built from the report object only, so it holds only
 * what the anonymity rules let through; a withheld figure is named with the reason instead. Charts are
 * native PowerPoint charts (editable, their data in the deck), not pictures.
 *
 * The deck is a table of slide makers, in order: a new part of the report (customers, say) is one entry.
 */
export interface DeckOptions {
  /** The day the deck is made (shown on the title slide), YYYY-MM-DD. */
  madeOn: string;
}

type Deck = PptxGenJS;
type SlideMaker = (deck: Deck, report: FullReport, options: DeckOptions) => void;

const FONT = "Calibri";
const INK = "1B2430";
const SOFT = "4A5565";
const BRAND = "1F3A5F";
const WIDTH = 13.33;
const MARGIN = 0.5;
const hex = (colour: string) => colour.replace("#", "").toUpperCase();
const rgbHex = (rgb: string) =>
  (rgb.match(/\d+/g) ?? ["255", "255", "255"])
    .slice(0, 3)
    .map((n) => Number(n).toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase();

function titled(deck: Deck, title: string, subtitle?: string) {
  const slide = deck.addSlide();
  slide.addText(title, { x: MARGIN, y: 0.3, w: WIDTH - 2 * MARGIN, h: 0.7, fontFace: FONT, fontSize: 24, bold: true, color: BRAND, fit: "shrink" });
  if (subtitle) slide.addText(subtitle, { x: MARGIN, y: 0.95, w: WIDTH - 2 * MARGIN, h: 0.45, fontFace: FONT, fontSize: 13, color: SOFT, fit: "shrink" });
  return slide;
}

const cell = (text: string, options: PptxGenJS.TableCellProps = {}): PptxGenJS.TableCell => ({ text, options: { fontFace: FONT, fontSize: 11, color: INK, valign: "top", ...options } });
const head = (text: string, options: PptxGenJS.TableCellProps = {}) => cell(text, { bold: true, fill: { color: "F4F6F9" }, ...options });
const modelName = (report: FullReport, id: string) => shortLabel(report.models.find((m) => m.id === id)?.label ?? id);

const titleSlide: SlideMaker = (deck, report, { madeOn }) => {
  const slide = deck.addSlide();
  const responses = report.levels.reduce((sum, l) => sum + l.responses, 0);
  slide.addText(report.round.organisation, { x: MARGIN, y: 1.6, w: WIDTH - 2 * MARGIN, h: 0.6, fontFace: FONT, fontSize: 20, color: SOFT });
  slide.addText(`Gap report: ${report.round.name}`, { x: MARGIN, y: 2.2, w: WIDTH - 2 * MARGIN, h: 1.1, fontFace: FONT, fontSize: 36, bold: true, color: BRAND, fit: "shrink" });
  slide.addText(
    `${responses} responses from ${report.levels.length} levels, ${madeOn}. A level is reported from ${report.minGroupSize} responses; nothing is shown per person.`,
    { x: MARGIN, y: 3.5, w: WIDTH - 2 * MARGIN, h: 0.8, fontFace: FONT, fontSize: 14, color: INK },
  );
};

const summarySlide: SlideMaker = (deck, report) => {
  const slide = titled(deck, "Executive summary", report.summary.length > 0 ? "Built from the firm findings; each message with what to measure, restructure or reward" : undefined);
  if (report.summary.length === 0) {
    const tentative = report.findings.filter((f) => f.tentative).length;
    slide.addText(
      `Nothing to summarise yet: ${report.findings.length === 0 ? "no gap pattern fires." : "no finding is firm yet."}${tentative > 0 ? ` ${tentative} tentative finding${tentative === 1 ? " is" : "s are"} in the findings that follow; they may not hold with more responses.` : ""}`,
      { x: MARGIN, y: 1.6, w: WIDTH - 2 * MARGIN, h: 1.2, fontFace: FONT, fontSize: 16, color: INK },
    );
    return;
  }
  const rows = [
    [head("What the report says"), head("What to do")],
    ...report.summary.map((m, i) => [cell(`${i + 1}. ${m.message}`, { bold: true, fontSize: 11 }), cell(m.recommendation, { fontSize: 10 })]),
  ];
  slide.addTable(rows, { x: MARGIN, y: 1.5, w: WIDTH - 2 * MARGIN, colW: [5.6, WIDTH - 2 * MARGIN - 5.6], border: { type: "solid", pt: 0.5, color: "D5DBE3" }, margin: 0.06 });
};

const strategySlide: SlideMaker = (deck, report) => {
  const { strategy } = report;
  if (!strategy) return;
  const mix = report.models.map((m) => `${shortLabel(m.label)} ${percent(strategy[m.id])}`).join(", ");
  const slide = titled(deck, "Against the intended mix", `Intended: ${mix}`);
  const beliefs = report.instrument.sayProfile === "said";
  const profiles = STRATEGY_PROFILES.filter((p) => beliefs || p !== "said");
  const names = { explicit: "Allocates now", desired: "Wants", said: "Believes", implicit: "Does" } as const;
  const rows = [
    [head("Level"), ...profiles.map((p) => head(names[p], { align: "right" }))],
    ...report.levels.map((level) =>
      level.strategyDistance
        ? [cell(level.label, { bold: true }), ...profiles.map((p) => cell(level.strategyDistance![p] ? `${Math.round(level.strategyDistance![p]!.distance * 100)} points` : "withheld", { align: "right" }))]
        : [cell(level.label, { bold: true }), cell(`Not enough responses to report (${level.responses})`, { colspan: profiles.length, color: SOFT })],
    ),
  ];
  slide.addTable(rows, { x: MARGIN, y: 1.6, w: WIDTH - 2 * MARGIN, colW: [4.3, ...profiles.map(() => (WIDTH - 2 * MARGIN - 4.3) / profiles.length)], border: { type: "solid", pt: 0.5, color: "D5DBE3" } });
  slide.addText(
    "Distance from the intended mix (0 is the same mix, 100 nothing in common). Allocations are on the mix's own scale; beliefs and practice come from agreement statements, whose shares sit near an even split: compare those between levels.",
    { x: MARGIN, y: 6.3, w: WIDTH - 2 * MARGIN, h: 0.8, fontFace: FONT, fontSize: 11, color: SOFT },
  );
};

/** What each level says against what its practice does: a native 100% stacked bar chart. */
const sayDoSlide: SlideMaker = (deck, report) => {
  const slide = titled(deck, storyHeadline(report), "What each level says it runs and what its practice enacts, on the same scale");
  const rows = report.levels.filter((l) => l.reportable && sayProfile(report, l)).flatMap((level) => [
    { name: `${level.label}: says`, profile: sayProfile(report, level)! },
    ...(level.implicit ? [{ name: `${level.label}: does`, profile: level.implicit }] : []),
  ]);
  if (rows.length === 0) {
    slide.addText("No level has enough responses to report yet.", { x: MARGIN, y: 1.6, w: 8, h: 0.6, fontFace: FONT, fontSize: 16, color: INK });
    return;
  }
  // PowerPoint draws the first category at the bottom of a bar chart: reversed, the first level reads first.
  const ordered = [...rows].reverse();
  slide.addChart(
    deck.ChartType.bar,
    report.models.map((model) => ({ name: shortLabel(model.label), labels: ordered.map((r) => r.name), values: ordered.map((r) => r.profile[model.id] ?? 0) })),
    {
      x: MARGIN,
      y: 1.5,
      w: WIDTH - 2 * MARGIN,
      h: 5.6,
      barDir: "bar",
      barGrouping: "percentStacked",
      chartColors: report.models.map((m, i) => hex(modelColour(m.id, i))),
      showLegend: true,
      legendPos: "b",
      legendFontSize: 11,
      catAxisLabelFontSize: 11,
      valAxisLabelFontSize: 10,
      valAxisLabelFormatCode: "0%",
      showValue: true,
      dataLabelFormatCode: "0%",
      dataLabelFontSize: 9,
      dataLabelColor: "111111",
    },
  );
};

function evidenceRows(report: FullReport, finding: ReportFinding): PptxGenJS.TableRow[] {
  if (finding.evidence.length === 0) return [];
  const levels = [...new Map(finding.evidence.flatMap((item) => item.levels.map((l) => [l.id, l.label] as const))).entries()];
  return [
    [head("Statement (mean answer, 1 strongly disagree to 5 strongly agree)", { fontSize: 9 }), ...levels.map(([, label]) => head(label, { fontSize: 9, align: "right" }))],
    ...finding.evidence.map((item) => [
      cell(`${item.text}${item.reverse ? " (reversed)" : ""}`, { fontSize: 9 }),
      ...levels.map(([id]) => {
        const figure = item.levels.find((l) => l.id === id);
        const mean = figure ? (figure.mean === null ? "withheld" : figure.mean.toFixed(1)) : "–";
        return cell(figure && figure.dontKnowRate > 0 ? `${mean} (${percent(figure.dontKnowRate)} don't know)` : mean, { fontSize: 9, align: "right" });
      }),
    ]),
  ];
}

/** One card per finding: what it says, how large and how sure, the question, and the statements behind it. */
const findingSlides: SlideMaker = (deck, report) => {
  report.findings.forEach((finding, i) => {
    const slide = titled(deck, `${i + 1}. ${findingTitle(finding, report.levels, report.models)}`, finding.tentative ? "Tentative" : "Firm");
    const text: PptxGenJS.TextProps[] = [
      { text: finding.summary, options: { fontSize: 16, bold: true, color: INK, breakLine: true } },
      { text: `Size ${Math.round(finding.size * 100)} points (95% interval ${Math.round(finding.ci[0] * 100)}–${Math.round(finding.ci[1] * 100)}). ${finding.basis}`, options: { fontSize: 11, color: SOFT, breakLine: true } },
      { text: `Why it matters: ${PATTERN_TEXT[finding.pattern]?.why ?? finding.why}`, options: { fontSize: 11, color: INK, breakLine: true } },
      { text: `Ask: ${finding.question}`, options: { fontSize: 12, bold: true, color: BRAND, breakLine: true } },
      ...(finding.note ? [{ text: `Note: ${finding.note}`, options: { fontSize: 11, italic: true, color: INK } }] : []),
    ];
    slide.addText(text, { x: MARGIN, y: 1.45, w: WIDTH - 2 * MARGIN, h: 2.3, fontFace: FONT, valign: "top", paraSpaceAfter: 4, fit: "shrink" });
    const evidence = evidenceRows(report, finding);
    if (evidence.length > 0) {
      const levelColumns = evidence[0]!.length - 1;
      slide.addTable(evidence, { x: MARGIN, y: 3.9, w: WIDTH - 2 * MARGIN, colW: [WIDTH - 2 * MARGIN - 1.6 * levelColumns, ...Array(levelColumns).fill(1.6)], border: { type: "solid", pt: 0.5, color: "D5DBE3" }, margin: 0.04 });
    }
  });
};

const PROFILE_SERIES = [
  { key: "explicit", name: "Allocates now", colour: "1B2430" },
  { key: "said", name: "Believes", colour: "7A4F9E" },
  { key: "implicit", name: "Does", colour: "D55E00" },
  { key: "desired", name: "Wants", colour: "0072B2" },
] as const;

/** Each reportable level: its profiles as a native radar chart beside a table of the same numbers. */
const levelSlides: SlideMaker = (deck, report) => {
  for (const level of report.levels.filter((l) => l.reportable)) {
    const slide = titled(deck, levelHeadline(report, level), `${level.label}: ${level.release.included} responses in the figures`);
    const series = PROFILE_SERIES.filter((s) => (s.key === "said" ? report.instrument.sayProfile === "said" : true)).filter((s) => level[s.key]);
    slide.addChart(
      deck.ChartType.radar,
      series.map((s) => ({ name: s.name, labels: report.models.map((m) => shortLabel(m.label)), values: report.models.map((m) => level[s.key]![m.id] ?? 0) })),
      {
        x: MARGIN,
        y: 1.5,
        w: 6,
        h: 5.3,
        radarStyle: "standard",
        chartColors: series.map((s) => s.colour),
        lineSize: 2,
        showLegend: true,
        legendPos: "b",
        legendFontSize: 11,
        catAxisLabelFontSize: 11,
        valAxisLabelFormatCode: "0%",
        valAxisLabelFontSize: 9,
      },
    );
    const shown = series.map((s) => s.key);
    const rows: PptxGenJS.TableRow[] = [
      [head("Model"), ...PROFILE_SERIES.filter((s) => shown.includes(s.key)).map((s) => head(s.name, { align: "right" }))],
      ...report.models.map((model) => [cell(shortLabel(model.label), { bold: true }), ...PROFILE_SERIES.filter((s) => shown.includes(s.key)).map((s) => cell(percent(level[s.key]![model.id]), { align: "right" }))]),
    ];
    const tableWidth = WIDTH - 6.8 - MARGIN;
    slide.addTable(rows, { x: 6.8, y: 1.6, w: tableWidth, colW: [2.3, ...shown.map(() => (tableWidth - 2.3) / shown.length)], border: { type: "solid", pt: 0.5, color: "D5DBE3" } });
    const notes = withheldText(level);
    if (notes) slide.addText(notes, { x: 6.8, y: 4.3, w: WIDTH - 6.8 - MARGIN, h: 2.4, fontFace: FONT, fontSize: 11, color: SOFT, valign: "top", fit: "shrink" });
  }
};

function withheldText(level: ReportLevel): string {
  return level.withheld.map((w) => w.reason).join(" ");
}

/**
 * The customers (issue 15), only when their figures are reportable: what they experience against what they
 * want as a native clustered bar chart, a table of the same shares, and NPS with its interval (and by the
 * model customers experience most, where the groups allow). Below the minimum group the deck shows nothing.
 */
const customersSlide: SlideMaker = (deck, report) => {
  const customers = report.customers;
  if (!customers?.reportable) return;
  const npsLine =
    customers.nps === null
      ? ""
      : `Net Promoter Score ${npsText(customers.nps)}${customers.npsCi ? ` (95% interval ${npsText(customers.npsCi[0])} to ${npsText(customers.npsCi[1])})` : ""}. `;
  const slide = titled(deck, customersHeadline(report), `${npsLine}${customers.release.included} customer responses in the figures`);
  const series = [
    ...(customers.experienced ? [{ name: "Experience", profile: customers.experienced, colour: "1B2430" }] : []),
    ...(customers.wanted ? [{ name: "Want", profile: customers.wanted, colour: "0072B2" }] : []),
  ];
  slide.addChart(
    deck.ChartType.bar,
    series.map((s) => ({ name: s.name, labels: report.models.map((m) => shortLabel(m.label)), values: report.models.map((m) => s.profile[m.id] ?? 0) })),
    {
      x: MARGIN,
      y: 1.5,
      w: 6.4,
      h: 5.3,
      barDir: "col",
      barGrouping: "clustered",
      chartColors: series.map((s) => s.colour),
      showLegend: true,
      legendPos: "b",
      legendFontSize: 11,
      catAxisLabelFontSize: 11,
      valAxisLabelFormatCode: "0%",
      valAxisLabelFontSize: 9,
      showValue: true,
      dataLabelFormatCode: "0%",
      dataLabelFontSize: 9,
    },
  );
  const x = 7.2;
  const tableWidth = WIDTH - x - MARGIN;
  const rows: PptxGenJS.TableRow[] = [
    [head("Model"), head("Experience", { align: "right" }), head("Want", { align: "right" })],
    ...report.models.map((model) => [cell(shortLabel(model.label), { bold: true }), cell(percent(customers.experienced?.[model.id]), { align: "right" }), cell(percent(customers.wanted?.[model.id]), { align: "right" })]),
  ];
  slide.addTable(rows, { x, y: 1.6, w: tableWidth, colW: [tableWidth - 2.4, 1.2, 1.2], border: { type: "solid", pt: 0.5, color: "D5DBE3" } });
  const cells = customers.npsByModel?.cells ?? [];
  const lines = [
    ...cells.map((c) => `NPS where experience leads with ${modelName(report, c.model).toLowerCase()}: ${npsText(c.nps)} (${c.responses} customers, 95% interval ${npsText(c.npsCi[0])} to ${npsText(c.npsCi[1])}).`),
    ...customers.withheld.map((w) => w.reason),
  ];
  if (lines.length > 0) slide.addText(lines.join(" "), { x, y: 4.2, w: tableWidth, h: 2.6, fontFace: FONT, fontSize: 11, color: SOFT, valign: "top", fit: "shrink" });
};

/** Practice minus what each level says, per model: the heatmap, as a coloured table with the number in every cell. */
const heatmapSlide: SlideMaker = (deck, report) => {
  const slide = titled(deck, "Where saying and doing part", "Practice minus what each level says, in percentage points: orange is done more than said, blue is said more than done");
  const rows = report.levels.filter((l) => l.reportable && sayProfile(report, l) && l.implicit);
  if (rows.length === 0) {
    slide.addText("No level has both a say and a do profile to compare yet.", { x: MARGIN, y: 1.6, w: 10, h: 0.6, fontFace: FONT, fontSize: 16, color: INK });
    return;
  }
  const table: PptxGenJS.TableRow[] = [
    [head("Level"), ...report.models.map((m) => head(shortLabel(m.label), { align: "right" }))],
    ...rows.map((level) => [
      cell(level.label, { bold: true }),
      ...report.models.map((model) => {
        const gap = level.implicit![model.id]! - sayProfile(report, level)![model.id]!;
        return cell(signedPoints(gap), { align: "right", bold: true, fontSize: 14, fill: { color: rgbHex(gapColour(gap)) }, color: "111111" });
      }),
    ]),
  ];
  slide.addTable(table, { x: MARGIN, y: 1.6, w: WIDTH - 2 * MARGIN, border: { type: "solid", pt: 0.5, color: "FFFFFF" } });
};

/** Levels below the minimum group: their counts, and why nothing else about them appears. */
const withheldSlide: SlideMaker = (deck, report) => {
  const hidden = report.levels.filter((l) => !l.reportable);
  if (hidden.length === 0) return;
  const slide = titled(deck, "Levels not reported yet", `A level's figures appear from ${report.minGroupSize} responses`);
  slide.addText(
    hidden.map((level) => ({ text: `${level.label}: ${level.responses} response${level.responses === 1 ? "" : "s"}, not enough responses to report (${level.responsesNeeded} more needed).`, options: { bullet: true, breakLine: true } })),
    { x: MARGIN, y: 1.6, w: WIDTH - 2 * MARGIN, h: 4, fontFace: FONT, fontSize: 16, color: INK, valign: "top" },
  );
};

const methodSlide: SlideMaker = (deck, report) => {
  const slide = titled(deck, "Method and anonymity");
  const lines = [
    `Every figure rests on at least ${report.minGroupSize} respondents: a level, a profile, a comment list or a breakdown with fewer is withheld, and the report says why.`,
    "Figures move only in steps of that many new responses (or when the round closes), so no figure changes with one person's answers.",
    `Level profiles are means of respondents' profiles; sizes carry 95% intervals from ${report.resamples.toLocaleString("en-GB")} resamples of respondents within each level. A finding is tentative when its interval reaches below the rule's threshold, or when it rests on fewer than five people.`,
    report.instrument.sayProfile === "said"
      ? "What a level says is measured with belief statements on the same agreement scale as its practice statements, so say and do compare directly."
      : "What a level says is its allocation of 100 points; practice comes from agreement statements.",
    ...report.notes,
  ];
  slide.addText(
    lines.map((text) => ({ text, options: { bullet: true, breakLine: true } })),
    { x: MARGIN, y: 1.3, w: WIDTH - 2 * MARGIN, h: 5.8, fontFace: FONT, fontSize: 14, color: INK, valign: "top", paraSpaceAfter: 6, fit: "shrink" },
  );
};

export const SLIDE_MAKERS: readonly SlideMaker[] = [titleSlide, summarySlide, strategySlide, sayDoSlide, findingSlides, levelSlides, customersSlide, heatmapSlide, withheldSlide, methodSlide];

export async function buildDeck(report: FullReport, options: DeckOptions): Promise<{ buffer: Buffer; slides: number }> {
  const deck = new PptxGenJS();
  deck.layout = "LAYOUT_WIDE";
  deck.author = "ModelGap";
  deck.company = report.round.organisation;
  deck.title = `Gap report: ${report.round.name}`;
  for (const make of SLIDE_MAKERS) make(deck, report, options);
  const slides = (deck as unknown as { slides: unknown[] }).slides.length;
  // stream(): write() ignores `compression` for Node buffers (pptxgenjs 4.0.1), and slides' XML is verbose.
  const buffer = (await deck.stream({ compression: true })) as Buffer;
  return { buffer, slides };
}

export const PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
