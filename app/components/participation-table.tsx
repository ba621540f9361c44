import type { LevelParticipation } from "~/models/participation.server";
import { percent } from "~/utils/format";
import { useLiveData } from "./use-live-data";

/** Participation per level, kept fresh while the page is open (counts only, never who answered what). */
export function ParticipationTable({ rows, minGroupSize }: { rows: LevelParticipation[]; minGroupSize: number }) {
  const refreshing = useLiveData();
  const total = rows.reduce((sum, row) => sum + row.submitted, 0);
  return (
    <section aria-labelledby="participation">
      <h2 id="participation">Participation</h2>
      <p className="hint">
        {total} submitted in all. Updates by itself every few seconds{refreshing ? " (updating…)" : ""}.
      </p>
      <div className="table-scroll">
        <table className="data">
          <caption className="visually-hidden">Participation per level</caption>
          <thead>
            <tr>
              <th scope="col">Level</th>
              <th scope="col" className="num">Invited</th>
              <th scope="col" className="num">Started</th>
              <th scope="col" className="num">Submitted</th>
              <th scope="col" className="num">Response rate</th>
              <th scope="col">Report</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.levelId}>
                <th scope="row">{row.label}</th>
                <td className="num">{row.invited}</td>
                <td className="num">{row.started}</td>
                <td className="num">{row.submitted}</td>
                <td className="num">{row.responseRate === null ? "open link" : percent(row.responseRate)}</td>
                <td>
                  {row.reportable ? (
                    <span>✓ Reportable</span>
                  ) : (
                    <span>
                      {row.needed} more response{row.needed === 1 ? "" : "s"} needed to report this level
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">A level is reported once {minGroupSize} people have submitted. Response rates count personal invitations only.</p>
    </section>
  );
}
