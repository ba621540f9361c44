import type { Db } from "~db/client";
import { getInstrument } from "~/domain/instruments";
import { buildReport, type Report } from "~/domain/report";
import { listSubmittedScores } from "./responses.server";
import { findRound, listLevels } from "./rounds.server";

/** The gap report of a round, built from the profiles stored at submit time (never re-scored). */
export function loadReport(db: Db, roundId: string): Report | undefined {
  const found = findRound(db, roundId);
  if (!found) return undefined;
  const { round, organisation } = found;
  const instrument = getInstrument(round.instrumentId, round.instrumentVersion);
  const rows = listSubmittedScores(db, roundId);
  return buildReport({
    round: { id: round.id, name: round.name, organisation: organisation.name },
    minGroupSize: round.minGroupSize,
    instrument,
    levels: listLevels(db, roundId).map((level) => ({ id: level.key, label: level.label })),
    responses: rows.map((row) => ({
      levelId: row.levelKey,
      explicit: row.explicit!,
      desired: row.desired!,
      implicit: row.implicit,
      intensities: row.intensities,
      facetProfiles: row.facetProfiles,
      dontKnow: row.dontKnow,
    })),
  });
}
