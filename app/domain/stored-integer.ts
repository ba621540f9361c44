import { z } from "zod";

/**
 * The largest value an integer column holds on both databases: PostgreSQL's `integer` is 32-bit (SQLite's is
 * 64-bit), so a larger id or revision from outside is refused as bad input rather than failing in the database.
 */
export const MAX_STORED_INTEGER = 2_147_483_647;

/** A row id as a form or URL carries it. */
export const rowId = () => z.coerce.number().int().positive().max(MAX_STORED_INTEGER);
