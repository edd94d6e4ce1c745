/** A schema change. Never edit a released migration: add one. */
export interface Migration {
  /**
   * Unique version. Ranges keep capabilities apart: 1–99 core, 100–199 importers, 200–299 criticality,
   * 300–399 screening, 400–499 input-output, 500–599 demand, 600–699 levers, 700–799 user data.
   */
  version: number;
  name: string;
  sql: string;
}
