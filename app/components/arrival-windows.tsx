import { Form, useNavigation } from "@remix-run/react";

export interface ArrivalWindowRow {
  from: number;
  to: number;
  counts: Record<string, number>;
  total: number;
  excluded: boolean;
  /** Why this window cannot be excluded on its own; null when it can (or already is). */
  reason: string | null;
}

const time = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

/** "12 Mar, 10:01–10:04 UTC": whole minutes, as the windows are. */
export function formatWindow(from: number, to: number): string {
  const sameDay = new Date(from).toISOString().slice(0, 10) === new Date(to - 1).toISOString().slice(0, 10);
  return `${time.format(from)}–${sameDay ? clock.format(to) : time.format(to)} UTC`;
}

/**
 * Arrivals over time, per level, in windows of whole minutes that each hold at
 * least the minimum group: coarse enough to spot a burst, too coarse to time one
 * person. Each window can be excluded on its own, or a run of them together.
 */
export function ArrivalWindows({ windows, levels, minGroupSize }: { windows: ArrivalWindowRow[]; levels: { key: string; label: string }[]; minGroupSize: number }) {
  const busy = useNavigation().state === "submitting";
  const offered = windows.filter((w) => w.total >= minGroupSize);
  if (offered.length === 0) {
    return (
      <div className="empty">
        <p>Fewer than {minGroupSize} responses have arrived: arrivals are shown over time from then on.</p>
      </div>
    );
  }
  return (
    <>
      <div className="table-scroll">
        <table className="data">
          <caption>Responses submitted per window of time (UTC), per level</caption>
          <thead>
            <tr>
              <th scope="col">Window</th>
              {levels.map((level) => (
                <th scope="col" className="num" key={level.key}>
                  {level.label}
                </th>
              ))}
              <th scope="col" className="num">All levels</th>
              <th scope="col">Exclude</th>
            </tr>
          </thead>
          <tbody>
            {offered.map((window) => (
              <tr key={window.from}>
                <th scope="row">{formatWindow(window.from, window.to)}</th>
                {levels.map((level) => (
                  <td className="num" key={level.key}>
                    {window.counts[level.key] ?? 0}
                  </td>
                ))}
                <td className="num">{window.total}</td>
                <td>
                  {window.excluded ? (
                    <strong>✕ Excluded from the report</strong>
                  ) : window.reason ? (
                    <span className="hint">Cannot be excluded alone. {window.reason}</span>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="from" value={window.from} />
                      <input type="hidden" name="to" value={window.to} />
                      <button type="submit" name="intent" value="exclude" className="button button--small button--secondary" disabled={busy}>
                        Exclude these {window.total}
                        <span className="visually-hidden"> responses of {formatWindow(window.from, window.to)}</span>
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {offered.length > 1 ? (
        <Form method="post" className="card">
          <h3>Exclude a run of windows</h3>
          <div className="grid-2">
            <div className="field">
              <label htmlFor="exclude-from">From the start of</label>
              <select id="exclude-from" name="from" defaultValue={offered[0]!.from}>
                {offered.map((w) => (
                  <option key={w.from} value={w.from}>
                    {formatWindow(w.from, w.to)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="exclude-to">To the end of</label>
              <select id="exclude-to" name="to" defaultValue={offered.at(-1)!.to}>
                {offered.map((w) => (
                  <option key={w.to} value={w.to}>
                    {formatWindow(w.from, w.to)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button type="submit" name="intent" value="exclude" className="button button--small" disabled={busy}>
            Exclude responses in these windows
          </button>
        </Form>
      ) : null}
    </>
  );
}
