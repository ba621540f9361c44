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

/** Text on a model's colour: white on the dark blue and the spare black, near-black elsewhere (each 4.5:1 or more). */
export function textOnModelColour(id: string, index: number): string {
  const colour = modelColour(id, index);
  return colour === "#0072B2" || colour === "#000000" || colour === "#D55E00" ? "#ffffff" : "#111111";
}

export { shortModelLabel as shortLabel } from "~/domain/instrument/labels";

export interface ModelInfo {
  id: string;
  label: string;
}
