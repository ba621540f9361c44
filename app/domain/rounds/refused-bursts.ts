/** Refused open-link requests, counted per level, minute and (hashed) client address. */
export interface RefusedMinute {
  levelId: number;
  /** Start of the minute, epoch ms. */
  minute: number;
  addressHash: string;
  refused: number;
}

/** Refusals from one address on one level in consecutive minutes: what the facilitator reads as one burst. */
export interface RefusedBurst {
  levelId: number;
  /** Start of the first minute and of the last minute with refusals (epoch ms). */
  from: number;
  to: number;
  refused: number;
}

const MINUTE_MS = 60_000;

/**
 * Joins one address's refusals on a level into bursts: minutes with refusals
 * belong to the same burst while no more than `gapMinutes` quiet minutes lie
 * between them. Newest burst first.
 */
export function groupRefusedBursts(minutes: readonly RefusedMinute[], gapMinutes = 1): RefusedBurst[] {
  const sources = new Map<string, RefusedMinute[]>();
  for (const row of minutes) {
    const key = `${row.levelId}\u0000${row.addressHash}`;
    sources.set(key, [...(sources.get(key) ?? []), row]);
  }
  const bursts: RefusedBurst[] = [];
  for (const rows of sources.values()) {
    let current: RefusedBurst | undefined;
    for (const row of [...rows].sort((a, b) => a.minute - b.minute)) {
      if (current && row.minute - current.to <= (gapMinutes + 1) * MINUTE_MS) {
        current.to = row.minute;
        current.refused += row.refused;
      } else {
        current = { levelId: row.levelId, from: row.minute, to: row.minute, refused: row.refused };
        bursts.push(current);
      }
    }
  }
  return bursts.sort((a, b) => b.from - a.from || a.levelId - b.levelId);
}
