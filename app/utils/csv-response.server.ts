import { toCsv } from "~/domain/csv";

/** A CSV download: UTF-8 with a byte-order mark so spreadsheets read accents right, and a file name. */
export function csvResponse(filename: string, header: readonly string[], rows: (string | number | boolean | null)[][]): Response {
  return csvTextResponse(filename, toCsv(header, rows));
}

export function csvTextResponse(filename: string, csv: string): Response {
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]+/g, "-")}"`,
      "cache-control": "no-store",
    },
  });
}
