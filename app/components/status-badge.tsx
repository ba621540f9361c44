import type { Availability } from "~/domain/rounds/rounds";

const LABELS: Record<string, string> = { draft: "Draft", open: "Open", closed: "Closed", not_open: "Not open yet" };

/** Round status in words (the colour only repeats it). */
export function StatusBadge({ status, availability }: { status: "draft" | "open" | "closed"; availability?: Availability }) {
  const shown = status === "open" && availability && availability !== "open" ? availability : status;
  return <span className={`badge badge--${shown}`}>{LABELS[shown]}</span>;
}
