const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "12 Mar 2027" from an ISO instant (rounds open and close on UTC days). */
export function formatDay(iso: string | null | undefined): string {
  return iso ? day.format(new Date(iso)) : "";
}

/** Whole percentage points, as the UI shows shares ("42%"). */
export function percent(share: number | null | undefined): string {
  return share === null || share === undefined || Number.isNaN(share) ? "–" : `${Math.round(share * 100)}%`;
}

/** An interval as "31–53%". */
export function percentRange([low, high]: readonly [number, number]): string {
  return `${Math.round(low * 100)}–${Math.round(high * 100)}%`;
}

/** A change or gap in whole points with its sign: "+12", "−30", "±0". */
export function signedPoints(share: number): string {
  const points = Math.round(share * 100);
  return `${points > 0 ? "+" : points < 0 ? "−" : "±"}${Math.abs(points)}`;
}

/** "1 response", "2 responses", "0 responses": a count with its noun in the right number. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? singular : pluralForm}`;
}

const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });

/** "10:01" in UTC, the zone every time on staff pages is given in. */
export function formatTime(epochMs: number): string {
  return clock.format(new Date(epochMs));
}

/** Text as a CSS string: every character but letters, digits and spaces as a hex escape, so no name can end the rule or the element. */
export function cssString(text: string): string {
  return `"${[...text].map((c) => (/[A-Za-z0-9 ]/.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `)).join("")}"`;
}
