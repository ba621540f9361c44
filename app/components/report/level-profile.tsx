import { PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer } from "recharts";
import type { ReportLevel } from "~/domain/report/report";
import type { LevelTrend } from "~/domain/report/trend";
import { topModel } from "~/domain/statistics/profiles";
import { percent, signedPoints } from "~/utils/format";
import { ClientOnly } from "./client-only";
import { modelColour, shortLabel, type ModelInfo } from "./models";

/** product.md: explicit solid, implicit dashed, desired dotted: told apart by line style as well as colour. */
const PROFILE_STYLES = [
  { key: "explicit", name: "Says (explicit)", stroke: "#1b2430", dash: undefined },
  { key: "implicit", name: "Does (implicit)", stroke: "#D55E00", dash: "7 4" },
  { key: "desired", name: "Wants (desired)", stroke: "#0072B2", dash: "2 4" },
] as const;


function headline(level: ReportLevel, models: ModelInfo[]): string {
  const ids = models.map((m) => m.id);
  const top = (profile: Record<string, number>) => models.find((m) => m.id === topModel(profile, ids))!;
  const says = shortLabel(top(level.explicit!).label).toLowerCase();
  const does = level.implicit ? shortLabel(top(level.implicit).label).toLowerCase() : null;
  if (!does) return `${level.label} say they run mainly ${says}`;
  return says === does ? `${level.label} say and do mainly ${says}` : `${level.label} say ${says}, but practice enacts ${does}`;
}

export function LevelProfile({
  level,
  models,
  trend,
  previousRound,
  print = false,
}: {
  level: ReportLevel;
  models: ModelInfo[];
  trend?: LevelTrend;
  previousRound?: string;
  print?: boolean;
}) {
  const data = models.map((model) => ({
    model: shortLabel(model.label),
    explicit: level.explicit?.[model.id] ?? 0,
    implicit: level.implicit?.[model.id] ?? 0,
    desired: level.desired?.[model.id] ?? 0,
  }));
  const agreement = level.agreement;
  // The scale follows the data: implicit shares bunch near 25%, and a fixed 0-100% axis would shrink them to a dot.
  const largest = Math.max(...data.flatMap((d) => [d.explicit, d.implicit, d.desired]));
  const radius = Math.min(1, Math.max(0.4, Math.ceil(largest * 10) / 10));
  const topLabel = agreement ? shortLabel(models.find((m) => m.id === agreement.topModel)!.label).toLowerCase() : "";
  return (
    <section className="level-profile" aria-labelledby={`level-${level.id}`}>
      <h3 id={`level-${level.id}`}>{headline(level, models)}</h3>
      <p className="hint">
        {level.responses} responses{level.implicitResponses !== null && level.implicitResponses < level.responses ? `, ${level.responses - level.implicitResponses} without an implicit profile (too many statements unanswered)` : ""}.{" "}
        {agreement
          ? agreement.split
            ? `Split: only ${percent(agreement.topModelShare)} put ${topLabel} first, so the average hides different views.`
            : `${percent(agreement.topModelShare)} put ${topLabel} first; answers sit on average ${Math.round(agreement.explicitSpread * 100)} points from the level's profile.`
          : ""}
      </p>
      <div className="level-profile__body">
        <ClientOnly height={280}>
          {() => (
            <div role="img" aria-label={`Radar chart of ${level.label}'s explicit, implicit and desired profiles; the table has the same numbers.`}>
              <ResponsiveContainer width="100%" height={280}>
                <RadarChart data={data} outerRadius="70%" accessibilityLayer={false}>
                  <PolarGrid />
                  <PolarAngleAxis dataKey="model" tick={{ fontSize: 12 }} />
                  <PolarRadiusAxis angle={45} domain={[0, radius]} tick={false} axisLine={false} />
                  {PROFILE_STYLES.map((style) => (
                    <Radar
                      key={style.key}
                      name={style.name}
                      dataKey={style.key}
                      stroke={style.stroke}
                      strokeWidth={2.5}
                      strokeDasharray={style.dash}
                      fill={style.stroke}
                      fillOpacity={style.key === "explicit" ? 0.08 : 0}
                      isAnimationActive={false}
                    />
                  ))}
                </RadarChart>
              </ResponsiveContainer>
            </div>
          )}
        </ClientOnly>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`${level.label}: profiles per model`}>
          <table className="data">
            <caption className="visually-hidden">{level.label}: profiles per model</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col" className="num">Says</th>
                <th scope="col" className="num">Does</th>
                <th scope="col" className="num">Wants</th>
                <th scope="col" className="num">Intensity</th>
                {trend ? <th scope="col" className="num">Says / does since {previousRound}</th> : null}
              </tr>
            </thead>
            <tbody>
              {models.map((model, i) => (
                <tr key={model.id}>
                  <th scope="row">
                    <span className="swatch" style={{ background: modelColour(model.id, i) }} aria-hidden="true" /> {shortLabel(model.label)}
                  </th>
                  <td className="num">{percent(level.explicit?.[model.id])}</td>
                  <td className="num">{percent(level.implicit?.[model.id])}</td>
                  <td className="num">{percent(level.desired?.[model.id])}</td>
                  <td className="num">{level.intensities ? level.intensities[model.id]!.toFixed(2) : "–"}</td>
                  {trend ? (
                    <td className="num">
                      {signedPoints(trend.explicit[model.id]!)} / {trend.implicit ? signedPoints(trend.implicit[model.id]!) : "–"}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
          <ul className="legend legend--lines" aria-label="Line styles in the chart">
            {PROFILE_STYLES.map((style) => (
              <li key={style.key}>
                <svg width="36" height="10" aria-hidden="true">
                  <line x1="0" y1="5" x2="36" y2="5" stroke={style.stroke} strokeWidth="3" strokeDasharray={style.dash} />
                </svg>{" "}
                {style.name}
              </li>
            ))}
          </ul>
          {level.dontKnowRate && level.dontKnowRate.line_of_sight! >= 0.2 ? (
            <p className="hint">
              {percent(level.dontKnowRate.line_of_sight)} of answers about what management measures were “don’t know”: this level cannot see what management
              watches.
            </p>
          ) : null}
        </div>
      </div>
      {level.comments && level.comments.length > 0 ? (
        <details open={print}>
          <summary>
            What a customer would say, according to {level.label} (
            {level.commentCount && level.commentCount > level.comments.length ? `${level.comments.length} of ${level.commentCount}, chosen at random` : level.comments.length})
          </summary>
          <ul className="comments">
            {level.comments.map((comment, i) => (
              <li key={i}>{comment}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
