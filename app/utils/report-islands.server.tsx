import { createHash } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactElement } from "react";
import { FindingCard, ResolvedFindings } from "~/components/report/findings-list";
import { findingIsland, type Islands } from "~/components/report/island";
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
export function reportIslands(live: LiveReport, { canAnnotate }: { canAnnotate: boolean }): RenderedIslands {
  const key = `${live.report.round.id}|${canAnnotate ? "editor" : "reader"}|${live.version}`;
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const { report, openLinkSubmissions } = live;
  const parts: [string, ReactElement][] = [
    ["summary", <SummaryPart key="summary" report={report} />],
    ["overview", <OverviewPart key="overview" report={report} openLinkSubmissions={openLinkSubmissions} />],
    ["findings-intro", <FindingsIntro key="intro" report={report} />],
    ...report.findings.map((finding): [string, ReactElement] => [
      findingIsland(finding.key),
      <FindingCard key={finding.key} finding={finding} levels={report.levels} models={report.models} trend={report.trend} showNote={!canAnnotate} />,
    ]),
    ["resolved", <ResolvedFindings key="resolved" trend={report.trend} />],
    ["details", <DetailParts key="details" report={report} />],
  ];
  const islands: Islands = Object.fromEntries(parts.map(([name, element]) => [name, renderToStaticMarkup(element)]));
  const hash = createHash("sha256");
  for (const [name, html] of Object.entries(islands)) hash.update(name).update("\0").update(html).update("\0");
  const rendered = { version: hash.digest("hex").slice(0, 16), islands };
  cache.set(key, rendered);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return rendered;
}
