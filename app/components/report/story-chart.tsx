import { Bar, BarChart, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { topModel, type Profile } from "~/domain/statistics/profiles";
import type { ReportLevel } from "~/domain/report/report";
import { percent, percentRange } from "~/utils/format";
import { ClientOnly } from "./client-only";
import { modelColour, shortLabel, type ModelInfo } from "./models";

/** The level's top model, decided exactly as the report decides it (ties to the earlier model). */
const topOf = (profile: Profile, models: ModelInfo[]): ModelInfo => {
  const id = topModel(profile, models.map((m) => m.id));
  return models.find((m) => m.id === id)!;
};

/** The chart's heading states what it shows, in words. */
export function storyHeadline(levels: ReportLevel[], models: ModelInfo[]): string {
  const reportable = levels.filter((l) => l.reportable && l.explicit);
  if (reportable.length === 0) return "No level has enough responses to report yet";
  const says = new Set(reportable.map((l) => topOf(l.explicit!, models).id));
  const does = new Set(reportable.filter((l) => l.implicit).map((l) => topOf(l.implicit!, models).id));
  const name = (id: string) => shortLabel(models.find((m) => m.id === id)!.label).toLowerCase();
  const saying = says.size === 1 ? `Every level says it runs mainly ${name([...says][0]!)}` : `Levels disagree on what they run (${[...says].map(name).join(" or ")})`;
  const doing = does.size === 1 ? `practice enacts ${name([...does][0]!)} everywhere` : does.size > 1 ? `practice differs between levels too` : "";
  return doing ? `${saying}; ${doing}` : saying;
}

/** What each level says it runs (explicit) next to what its practice enacts (implicit), as 100% bars. */
export function StoryChart({ levels, models }: { levels: ReportLevel[]; models: ModelInfo[] }) {
  const reportable = levels.filter((l) => l.reportable && l.explicit);
  const rows = reportable.flatMap((level) => [
    { name: `${level.label}: says`, ...level.explicit },
    ...(level.implicit ? [{ name: `${level.label}: does`, ...level.implicit }] : []),
  ]);
  const height = 40 + rows.length * 34;
  return (
    <ClientOnly height={height}>
      {() => (
        <div role="img" aria-label="Bar chart of each level's explicit and implicit profiles; the table beside it has the same numbers.">
          <ResponsiveContainer width="100%" height={height}>
            <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16 }} barCategoryGap={4} accessibilityLayer={false}>
              <XAxis type="number" domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} />
              <YAxis type="category" dataKey="name" width={200} tick={{ fontSize: 13 }} />
              {models.map((model, i) => (
                <Bar key={model.id} dataKey={model.id} name={model.label} stackId="profile" fill={modelColour(model.id, i)} isAnimationActive={false}>
                  <LabelList dataKey={model.id} position="center" formatter={(v: unknown) => (Number(v) >= 0.08 ? percent(Number(v)) : "")} fill="#111" fontSize={12} />
                </Bar>
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </ClientOnly>
  );
}

export function ModelLegend({ models }: { models: ModelInfo[] }) {
  return (
    <ul className="legend" aria-label="Model colours">
      {models.map((model, i) => (
        <li key={model.id}>
          <span className="swatch" style={{ background: modelColour(model.id, i) }} aria-hidden="true" /> {model.label}
        </li>
      ))}
    </ul>
  );
}

/** The numbers behind the story chart: for each level, its top model said and done, and its say-do distance. */
export function StoryTable({ levels, models }: { levels: ReportLevel[]; models: ModelInfo[] }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Says, does, and how far apart">
      <table className="data">
        <caption>Says, does, and how far apart</caption>
        <thead>
          <tr>
            <th scope="col">Level</th>
            <th scope="col">Says it runs mainly</th>
            <th scope="col">Practice enacts mainly</th>
            <th scope="col">Say-do distance (95% interval)</th>
          </tr>
        </thead>
        <tbody>
          {levels.map((level) => {
            if (!level.reportable || !level.explicit) {
              return (
                <tr key={level.id}>
                  <th scope="row">{level.label}</th>
                  <td colSpan={3}>Not enough responses to report ({level.responses})</td>
                </tr>
              );
            }
            const says = topOf(level.explicit, models);
            const does = level.implicit ? topOf(level.implicit, models) : null;
            return (
              <tr key={level.id}>
                <th scope="row">{level.label}</th>
                <td>
                  {shortLabel(says.label)} {percent(level.explicit[says.id])}
                </td>
                <td>{does ? `${shortLabel(does.label)} ${percent(level.implicit![does.id])}` : "no implicit profile"}</td>
                <td>{level.sayDo ? `${percent(level.sayDo.distance).replace("%", " points")} (${percentRange(level.sayDo.ci)})` : "–"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
