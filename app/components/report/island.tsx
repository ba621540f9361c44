import { createContext, useContext, useEffect, useRef } from "react";

/**
 * Static islands: parts of a page rendered once per report version on the server (app/utils/report-islands
 * .server.tsx) and sent as HTML, not rebuilt by React on every request nor shipped again as data for
 * hydration. React leaves an element's inner HTML alone while hydrating it (it only compares it in
 * development, which suppressHydrationWarning silences), so the server's HTML stays as sent.
 *
 * When the page is reached by a client-side navigation, or an action changed what an island shows, the
 * island has no (or old) HTML: it then fetches the page's islands once, from `source`, and fills itself in.
 */
export type Islands = Record<string, string>;

/** Each finding's card is an island of its own, so the note editor can sit beside it. */
export const findingIsland = (key: string) => `finding:${key}`;

/** The islands of this response, given to the server render by entry.server.tsx; null in the browser. */
export const IslandsContext = createContext<Islands | null>(null);

/** The parts a closed <details> loads when it is first opened (its `data-lazy` names one). */
export const lazyPart = {
  findingDetails: (key: string) => `more:${key}`,
  comments: (levelId: string) => `comments:${levelId}`,
  breakdowns: "breakdowns",
  dataQuality: "data-quality",
};

const fetched = new Map<string, Promise<Islands>>();

export function fetchIslands(source: string, version: string): Promise<Islands> {
  const url = `${source}?v=${encodeURIComponent(version)}`;
  let pending = fetched.get(url);
  if (!pending) {
    pending = fetch(url, { headers: { accept: "application/json" } }).then(async (response) => {
      if (!response.ok) throw new Error(`could not load ${url}: ${response.status}`);
      return ((await response.json()) as { islands: Islands }).islands;
    });
    pending.catch(() => fetched.delete(url));
    fetched.set(url, pending);
  }
  return pending;
}

export function Island({ name, version, source, className }: { name: string; version: string; source: string; className?: string }) {
  const islands = useContext(IslandsContext);
  const html = islands ? (islands[name] ?? "") : undefined;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || element.dataset.version === version) return;
    let current = true;
    element.setAttribute("aria-busy", "true");
    fetchIslands(source, version)
      .then((all) => {
        if (!current) return;
        element.innerHTML = all[name] ?? "";
        element.dataset.version = version;
      })
      .catch(() => {
        if (current) element.innerHTML = '<p class="field__error">This part of the report could not be loaded. Reload the page to try again.</p>';
      })
      .finally(() => element.removeAttribute("aria-busy"));
    return () => {
      current = false;
    };
  }, [name, version, source]);
  return (
    <div
      ref={ref}
      className={className ? `island ${className}` : "island"}
      data-version={html === undefined ? undefined : version}
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: html ?? "" }}
    />
  );
}

/**
 * Collapsed details (a finding's evidence, a level's comments) are not sent with the page: the first time
 * one is opened, its content is fetched with the page's other parts and put in place. Without JavaScript
 * the details hold a link to the print view, which has everything.
 */
export function useLazyDetails(source: string, version: string) {
  useEffect(() => {
    const onToggle = (event: Event) => {
      const details = event.target;
      if (!(details instanceof HTMLDetailsElement) || !details.open || !details.dataset.lazy || details.dataset.loaded) return;
      const body = details.querySelector<HTMLElement>(".lazy-body");
      if (!body) return;
      details.dataset.loaded = "loading";
      body.setAttribute("aria-busy", "true");
      fetchIslands(source, version)
        .then((all) => {
          body.innerHTML = all[details.dataset.lazy!] ?? "";
          details.dataset.loaded = "yes";
        })
        .catch(() => {
          delete details.dataset.loaded;
          body.innerHTML = '<p class="field__error">This could not be loaded. Close and open it again to retry.</p>';
        })
        .finally(() => body.removeAttribute("aria-busy"));
    };
    // toggle does not bubble: listen in the capture phase.
    document.addEventListener("toggle", onToggle, true);
    return () => document.removeEventListener("toggle", onToggle, true);
  }, [source, version]);
}
