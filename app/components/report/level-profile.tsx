import { PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer } from "recharts";
import type { Report, ReportLevel } from "~/domain/report/report";
import type { LevelTrend } from "~/domain/report/trend";
import { topModel } from "~/domain/statistics/profiles";
import { percent, signedPoints } from "~/utils/format";
import { ClientOnly } from "./client-only";
import { TableScroll } from "../table-scroll";
import { modelColour, shortLabel, type ModelInfo } from "./models";
import { sayProfile } from "./say";

/** product.md: explicit solid, implicit dashed, desired dotted: told apart by line style as well as colour. */
const PROFILE_STYLES = [
  { key: "explicit", name: "Allocates now (explicit)", stroke: "#1b2430", dash: undefined },
  { key: "said", name: "Believes (explicit statements)", stroke: "#7a4f9e", dash: "10 3 2 3" },
  { key: "implicit", name: "Does (implicit)", stroke: "#D55E00", dash: "7 4" },
  { key: "desired", name: "Wants (desired)", stroke: "#0072B2", dash: "2 4" },
] as const;


function headline(level: ReportLevel, models: ModelInfo[], said: Record<string, number>): string {
  const ids = models.map((m) => m.id);
  const top = (profile: Record<string, number>) => models.find((m) => m.id === topModel(profile, ids))!;
  const says = shortLabel(top(said).label).toLowerCase();
  const does = level.implicit ? shortLabel(top(level.implicit).label).toLowerCase() : null;
  if (!does) return `${level.label} say they run mainly ${says}`;
  return says === does ? `${level.label} say and do mainly ${says}` : `${level.label} say ${says}, but practice enacts ${does}`;
}

export function LevelProfile({
  report,
  level,
  trend,
  previousRound,
  print = false,
}: {
  report: Report;
  level: ReportLevel;
  trend?: LevelTrend;
  previousRound?: string;
  print?: boolean;
}) {
  const { models } = report;
  const beliefs = report.instrument.sayProfile === "said";
  const styles = PROFILE_STYLES.filter((style) => (style.key === "said" ? beliefs && level.said : style.key === "implicit" ? level.implicit : true));
  const data = models.map((model) => ({
    model: shortLabel(model.label),
    explicit: level.explicit?.[model.id] ?? 0,
    said: level.said?.[model.id] ?? 0,
    implicit: level.implicit?.[model.id] ?? 0,
    desired: level.desired?.[model.id] ?? 0,
  }));
  const agreement = level.agreement;
  // The scale follows the data: implicit shares bunch near 25%, and a fixed 0-100% axis would shrink them to a dot.
  const largest = Math.max(...data.flatMap((d) => [d.explicit, d.said, d.implicit, d.desired]));
  const radius = Math.min(1, Math.max(0.4, Math.ceil(largest * 10) / 10));
  const topLabel = agreement ? shortLabel(models.find((m) => m.id === agreement.topModel)!.label).toLowerCase() : "";
  return (
    <section className="level-profile" aria-labelledby={`level-${level.id}`}>
      <h3 id={`level-${level.id}`}>{headline(level, models, sayProfile(report, level) ?? level.explicit!)}</h3>
      <p className="hint">
        {level.release.pending > 0
          ? `These figures include ${level.release.included} of ${level.responses} responses; they change when ${level.release.nextUpdateIn} more arrive${level.release.nextUpdateIn === 1 ? "s" : ""}, or when the round closes, so that no figure moves with one person's answers. `
          : `${level.responses} ${level.responses === 1 ? "response" : "responses"}. `}
        {agreement
          ? agreement.split
            ? `Split: only ${percent(agreement.topModelShare)} put ${topLabel} first, so the average hides different views.`
            : `${percent(agreement.topModelShare)} put ${topLabel} first; answers sit on average ${Math.round(agreement.explicitSpread * 100)} points from the level's profile.`
          : ""}
      </p>
      <div className="level-profile__body">
        <ClientOnly height={280}>
          {() => (
            <div role="img" aria-label={`Radar chart of ${level.label}'s profiles (${styles.map((s) => s.name.toLowerCase()).join(", ")}); the table has the same numbers.`}>
              <ResponsiveContainer width="100%" height={280}>
                <RadarChart data={data} outerRadius="70%" accessibilityLayer={false}>
                  <PolarGrid />
                  <PolarAngleAxis dataKey="model" tick={{ fontSize: 12 }} />
                  <PolarRadiusAxis angle={45} domain={[0, radius]} tick={false} axisLine={false} />
                  {styles.map((style) => (
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
        <TableScroll label={`${level.label}: profiles per model`}>
          <table className="data">
            <caption className="visually-hidden">{level.label}: profiles per model</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col" className="num">Allocates now</th>
                {beliefs ? <th scope="col" className="num">Believes</th> : null}
                <th scope="col" className="num">Does</th>
                <th scope="col" className="num">Wants</th>
                <th scope="col" className="num">Practice intensity</th>
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
                  {beliefs ? <td className="num">{percent(level.said?.[model.id])}</td> : null}
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
            {styles.map((style) => (
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
        </TableScroll>
      </div>
      {level.withheld.length > 0 ? (
        <ul className="withheld" aria-label={`Figures withheld for ${level.label}`}>
          {level.withheld.map((item) => (
            <li key={item.figure}>{item.reason}</li>
          ))}
        </ul>
      ) : null}
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
