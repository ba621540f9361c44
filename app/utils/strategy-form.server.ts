import type { StrategyFormValues } from "~/components/report/strategy-form";
import { parseStrategyMix, type StrategyMix } from "~/domain/report/strategy";

export type ParsedStrategyForm = { ok: true; mix: StrategyMix | null } | { ok: false; errors: string[]; values: StrategyFormValues };

/** The strategy form: "save" validates the mix (strategy.ts's one schema), "clear" removes it. */
export function parseStrategyForm(form: FormData, modelIds: readonly string[], recorded: boolean): ParsedStrategyForm {
  const intent = form.get("intent");
  if (intent === "clear") return { ok: true, mix: null };
  const typed = Object.fromEntries(modelIds.map((id) => [id, String(form.get(id) ?? "").trim()]));
  if (intent !== "save") return { ok: false, errors: ["choose Save or Remove"], values: { mix: typed, recorded } };
  const parsed = parseStrategyMix(typed, modelIds);
  return parsed.success ? { ok: true, mix: parsed.mix } : { ok: false, errors: parsed.errors, values: { mix: typed, recorded } };
}

/** The form's values from a recorded mix (or empty fields). */
export function strategyFormValues(mix: Record<string, number> | null, modelIds: readonly string[]): StrategyFormValues {
  return { mix: Object.fromEntries(modelIds.map((id) => [id, mix ? String(mix[id] ?? 0) : ""])), recorded: mix !== null };
}
