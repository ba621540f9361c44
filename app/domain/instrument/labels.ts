/** "Retail (range, availability, price)" -> "Retail": for sentences and tight places; legends keep the full label. */
export function shortModelLabel(label: string): string {
  return label.replace(/\s*\(.*\)$/, "");
}
