import { Bar, BarChart, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { topModel, type Profile } from "~/domain/statistics/profiles";
import type { Report } from "~/domain/report/report";
import { percent, percentRange } from "~/utils/format";
import { TableScroll } from "../table-scroll";
import { ClientOnly } from "./client-only";
import { modelColour, shortLabel, type ModelInfo } from "./models";
import { sayProfile } from "./say";

/** The level's top model, decided exactly as the report decides it (ties to the earlier model). */
const topOf = (profile: Profile, models: ModelInfo[]): ModelInfo => {
  const id = topModel(profile, models.map((m) => m.id));
  return models.find((m) => m.id === id)!;
};

/** The chart's heading states what it shows, in words. */
export function storyHeadline(report: Report): string {
  const { levels, models } = report;
  const reportable = levels.filter((l) => l.reportable && sayProfile(report, l));
  if (reportable.length === 0) return "No level has enough responses to report yet";
  const says = new Set(reportable.map((l) => topOf(sayProfile(report, l)!, models).id));
  const does = new Set(reportable.filter((l) => l.implicit).map((l) => topOf(l.implicit!, models).id));
  const name = (id: string) => shortLabel(models.find((m) => m.id === id)!.label).toLowerCase();
  const saying = says.size === 1 ? `Every level says it runs mainly ${name([...says][0]!)}` : `Levels disagree on what they run (${[...says].map(name).join(" or ")})`;
  const doing = does.size === 1 ? `practice enacts ${name([...does][0]!)} everywhere` : does.size > 1 ? `practice differs between levels too` : "";
  return doing ? `${saying}; ${doing}` : saying;
}

/** What each level says it runs next to what its practice enacts, on the same metric, as 100% bars. */
export function StoryChart({ report }: { report: Report }) {
  const { levels, models } = report;
  const reportable = levels.filter((l) => l.reportable && sayProfile(report, l));
  const rows = reportable.flatMap((level) => [
    { name: `${level.label}: says`, ...sayProfile(report, level) },
    ...(level.implicit ? [{ name: `${level.label}: does`, ...level.implicit }] : []),
  ]);
  const height = 40 + rows.length * 34;
  return (
    <ClientOnly height={height}>
      {() => (
        <div role="img" aria-label="Bar chart of what each level says and what its practice does; the table beside it has the same numbers.">
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
export function StoryTable({ report }: { report: Report }) {
  const { levels, models } = report;
  return (
    <TableScroll label="Says, does, and how far apart">
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
            const said = sayProfile(report, level);
            if (!level.reportable || !said) {
              return (
                <tr key={level.id}>
                  <th scope="row">{level.label}</th>
                  <td colSpan={3}>{level.reportable ? "Too few answered the belief statements" : `Not enough responses to report (${level.responses})`}</td>
                </tr>
              );
            }
            const says = topOf(said, models);
            const does = level.implicit ? topOf(level.implicit, models) : null;
            return (
              <tr key={level.id}>
                <th scope="row">{level.label}</th>
                <td>
                  {shortLabel(says.label)} {percent(said[says.id])}
                </td>
                <td>{does ? `${shortLabel(does.label)} ${percent(level.implicit![does.id])}` : "no implicit profile"}</td>
                <td>{level.sayDo ? `${percent(level.sayDo.distance).replace("%", " points")} (${percentRange(level.sayDo.ci)})` : "–"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
