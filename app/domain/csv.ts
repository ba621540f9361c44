import Papa from "papaparse";

/**
 * CSV for people's spreadsheets. Text cells that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or return) are neutralised with a
 * leading apostrophe; numbers are written as numbers.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  return `${Papa.unparse({ fields: [...header], data: rows.map((row) => [...row]) }, { escapeFormulae: true, newline: "\r\n" })}\r\n`;
}
