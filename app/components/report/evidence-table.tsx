import type { EvidenceItem } from "~/domain/report/evidence";
import { percent } from "~/utils/format";
import { TableScroll } from "../table-scroll";

/** The statements behind a finding, with each level's mean answer (1-5) and "don't know" rate. */
export function EvidenceTable({ evidence, title }: { evidence: EvidenceItem[]; title: string }) {
  if (evidence.length === 0) return null;
  const levels = [...new Map(evidence.flatMap((item) => item.levels.map((l) => [l.id, l.label] as const))).entries()];
  return (
    <TableScroll label={`Evidence: ${title}`}>
      <table className="data evidence">
        <caption>The statements behind it: mean answer from 1 (strongly disagree) to 5 (strongly agree), and the share who did not know</caption>
        <thead>
          <tr>
            <th scope="col">Statement</th>
            {levels.map(([id, label]) => (
              <th scope="col" className="num" key={id}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {evidence.map((item) => (
            <tr key={item.name}>
              <th scope="row" className="evidence__statement">
                {item.text}
                <span className="evidence__kind">
                  {item.profile === "explicit" ? " Belief" : " Practice"}
                  {item.reverse ? ", reversed: disagreeing shows the model" : ""}
                </span>
              </th>
              {levels.map(([id]) => {
                const figure = item.levels.find((l) => l.id === id);
                return (
                  <td className="num" key={id}>
                    {figure ? (
                      <>
                        {figure.mean === null ? <span title="Fewer than the minimum group answered on the scale">withheld</span> : figure.mean.toFixed(1)}
                        {figure.dontKnowRate > 0 ? <span className="evidence__dk"> ({percent(figure.dontKnowRate)} don’t know)</span> : null}
                      </>
                    ) : (
                      "–"
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
