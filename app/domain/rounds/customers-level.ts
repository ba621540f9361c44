/**
 * The level id of a round's customers, in every contract (report JSON, CSV, imports): reserved, so no staff
 * level can take it. Customers answer through a level of their own (kind "customers"). Kept apart from
 * rounds.ts (which needs zod) so that pages can name the customers without shipping zod to the browser.
 */
export const CUSTOMERS_LEVEL_ID = "customers" as const;
export const CUSTOMERS_LABEL = "Customers";
