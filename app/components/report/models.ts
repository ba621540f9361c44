/** product.md: each model keeps one Okabe-Ito colour everywhere (colour-blind safe). */
const MODEL_COLOURS: Record<string, string> = {
  key_account: "#0072B2",
  relationship: "#009E73",
  retail: "#E69F00",
  social: "#CC79A7",
};
const SPARE_COLOURS = ["#56B4E9", "#D55E00", "#F0E442", "#000000"];

export function modelColour(id: string, index: number): string {
  return MODEL_COLOURS[id] ?? SPARE_COLOURS[index % SPARE_COLOURS.length]!;
}

export { shortModelLabel as shortLabel } from "~/domain/instrument/labels";

export interface ModelInfo {
  id: string;
  label: string;
}
