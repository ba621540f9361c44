import type { Report, ReportLevel } from "~/domain/report/report";
import type { LevelTrend } from "~/domain/report/trend";
import { percent, signedPoints } from "~/utils/format";
import { TableScroll } from "../table-scroll";
import { levelHeadline } from "./headlines";
import { modelColour, shortLabel } from "./models";
import { LazyBody } from "./findings-list";
import { lazyPart } from "./island";
import { Radar } from "./radar";

/** product.md: explicit solid, implicit dashed, desired dotted: told apart by line style as well as colour. */
export const PROFILE_STYLES = [
  { key: "explicit", name: "Allocates now (explicit)", stroke: "#1b2430", dash: undefined },
  { key: "said", name: "Believes (explicit statements)", stroke: "#7a4f9e", dash: "10 3 2 3" },
  { key: "implicit", name: "Does (implicit)", stroke: "#D55E00", dash: "7 4" },
  { key: "desired", name: "Wants (desired)", stroke: "#0072B2", dash: "2 4" },
] as const;


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
  const values = (key: (typeof PROFILE_STYLES)[number]["key"]) => models.map((model) => level[key]?.[model.id] ?? 0);
  const agreement = level.agreement;
  // The scale follows the data: implicit shares bunch near 25%, and a fixed 0-100% axis would shrink them to a dot.
  const largest = Math.max(...styles.flatMap((style) => values(style.key)));
  const radius = Math.min(1, Math.max(0.4, Math.ceil(largest * 10) / 10));
  const topLabel = agreement ? shortLabel(models.find((m) => m.id === agreement.topModel)!.label).toLowerCase() : "";
  return (
    <section className="level-profile" aria-labelledby={`level-${level.id}`}>
      <h3 id={`level-${level.id}`}>{levelHeadline(report, level)}</h3>
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
        <Radar
          axes={models.map((model) => shortLabel(model.label))}
          max={radius}
          label={`Radar chart of ${level.label}'s profiles (${styles.map((s) => s.name.toLowerCase()).join(", ")}); the table has the same numbers.`}
          series={styles.map((style) => ({
            key: style.key,
            name: style.name,
            stroke: style.stroke,
            dash: style.dash,
            fillOpacity: style.key === "explicit" ? 0.08 : 0,
            values: values(style.key),
          }))}
        />
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
        <details open={print} data-lazy={print ? undefined : lazyPart.comments(level.id)}>
          <summary>
            What a customer would say, according to {level.label} (
            {level.commentCount && level.commentCount > level.comments.length ? `${level.comments.length} of ${level.commentCount}, chosen at random` : level.comments.length})
          </summary>
          {print ? <LevelComments level={level} /> : <LazyBody printHref={`/rounds/${report.round.id}/report/print#level-${level.id}`} />}
        </details>
      ) : null}
    </section>
  );
}

/** A level's comment sample. */
export function LevelComments({ level }: { level: ReportLevel }) {
  return (
    <ul className="comments">
      {(level.comments ?? []).map((comment, i) => (
        <li key={i}>{comment}</li>
      ))}
    </ul>
  );
}
