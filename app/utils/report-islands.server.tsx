import { createHash } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactElement } from "react";
import { FindingCard, FindingDetails, ResolvedFindings } from "~/components/report/findings-list";
import { findingIsland, lazyPart, type Islands } from "~/components/report/island";
import { Breakdowns } from "~/components/report/breakdowns";
import { DataQuality } from "~/components/report/data-quality";
import { LevelComments } from "~/components/report/level-profile";
import { DetailParts, FindingsIntro, OverviewPart, SummaryPart } from "~/components/report/report-body";
import type { LiveReport } from "~/models/reports.server";

export interface RenderedIslands {
  /** A hash of the islands' HTML: the page refetches them only when it changes. */
  version: string;
  islands: Islands;
}


const CACHE_SIZE = 16;
const cache = new Map<string, RenderedIslands>();

/**
 * The report page's static parts, rendered once per report version (figures, live counts, notes, trend)
 * and per reader kind, then served from memory: a page view does not rebuild thousands of elements.
 */
export function reportIslands(live: LiveReport, { canAnnotate, canRecordStrategy }: { canAnnotate: boolean; canRecordStrategy: boolean }): RenderedIslands {
  const key = `${live.report.round.id}|${canAnnotate ? "notes" : "-"}|${canRecordStrategy ? "strategy" : "-"}|${live.version}`;
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const { report, openLinkSubmissions } = live;
  const parts: [string, ReactElement][] = [
    ["summary", <SummaryPart key="summary" report={report} strategyForm={canRecordStrategy} />],
    ["overview", <OverviewPart key="overview" report={report} openLinkSubmissions={openLinkSubmissions} />],
    ["findings-intro", <FindingsIntro key="intro" report={report} />],
    ...report.findings.map((finding): [string, ReactElement] => [
      findingIsland(finding.key),
      <FindingCard key={finding.key} roundId={report.round.id} finding={finding} levels={report.levels} models={report.models} trend={report.trend} showNote={!canAnnotate} />,
    ]),
    ["resolved", <ResolvedFindings key="resolved" trend={report.trend} />],
    ["details", <DetailParts key="details" report={report} />],
    // Loaded when their details are opened (components/report/island.tsx), never sent with the page itself.
    ...report.findings.map((finding): [string, ReactElement] => [lazyPart.findingDetails(finding.key), <FindingDetails key={finding.key} finding={finding} />]),
    [lazyPart.breakdowns, <Breakdowns key="breakdowns" report={report} />],
    [lazyPart.dataQuality, <DataQuality key="quality" report={report} />],
    ...report.levels.filter((level) => level.comments).map((level): [string, ReactElement] => [lazyPart.comments(level.id), <LevelComments key={level.id} level={level} />]),
  ];
  const islands: Islands = Object.fromEntries(parts.map(([name, element]) => [name, renderToStaticMarkup(element)]));
  const hash = createHash("sha256");
  for (const [name, html] of Object.entries(islands)) hash.update(name).update("\0").update(html).update("\0");
  const rendered = { version: hash.digest("hex").slice(0, 16), islands };
  cache.set(key, rendered);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return rendered;
}
