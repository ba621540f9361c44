/**
 * Organisation names compare case-insensitively and regardless of Unicode
 * form, invisible characters and runs of spaces: "contoso  logistics" is the
 * same name as "Contoso Logistics", a fullwidth "Ａｃｍｅ" the same as "Acme",
 * and "Acme" with a zero-width space the same as "Acme". (Letters of other
 * scripts that look alike, such as a Cyrillic "е", stay different names.)
 */
export function organisationNameKey(name: string): string {
  return name.normalize("NFKC").replace(/\p{Cf}/gu, "").trim().replace(/\s+/g, " ").toLowerCase();
}

export function sameOrganisationName(a: string, b: string): boolean {
  return organisationNameKey(a) === organisationNameKey(b);
}
