/**
 * Organisation names compare case-insensitively and regardless of Unicode
 * form and runs of spaces: "contoso  logistics" is the same name as "Contoso
 * Logistics", and a fullwidth "Ａｃｍｅ" the same as "Acme".
 */
export function organisationNameKey(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

export function sameOrganisationName(a: string, b: string): boolean {
  return organisationNameKey(a) === organisationNameKey(b);
}
