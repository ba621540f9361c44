/** `npm run bench:databases`: only the SQLite-against-PostgreSQL figures (`npm run bench` includes them). */
import { printDatabaseFigures } from "./databases-print";
import { measureDatabases } from "./databases";

const figures = await measureDatabases(Number(process.env.BENCH_RESPONSES ?? 10_000), Number(process.env.BENCH_SECONDS ?? 5));
printDatabaseFigures(figures);
