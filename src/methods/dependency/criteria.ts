/**
 * Threshold tests with an explicit operator per threshold (docs/methods.md "Conventions": sources differ on
 * strict vs non-strict: GeoDep "higher than 0.4" is `>`, MERICS "twice as high" is read as `>=` [U]).
 */

export type Operator = '>' | '>=' | '<' | '<=';
export const operators: readonly Operator[] = ['>', '>=', '<', '<='];

export interface Threshold {
  op: Operator;
  tau: number;
}

/**
 * Whether a value passes a threshold. A missing value (null, NaN) never passes: an HHI over no trade is not
 * "concentrated" (§0.1). +∞ passes `>`/`>=` (a ratio over zero exports is met, §1.1).
 * @example meets(0.46, { op: '>', tau: 0.4 }) // true
 */
export function meets(value: number | null | undefined, threshold: Threshold): boolean {
  if (value === null || value === undefined || Number.isNaN(value)) return false;
  switch (threshold.op) {
    case '>':
      return value > threshold.tau;
    case '>=':
      return value >= threshold.tau;
    case '<':
      return value < threshold.tau;
    case '<=':
      return value <= threshold.tau;
  }
}

/** "> 0.4" style text for outputs and warnings. */
export function describeThreshold(t: Threshold): string {
  return `${t.op} ${t.tau}`;
}

/** Parse "0.4", ">0.4", ">=0.5", "≥0.5" (default operator given) into a threshold, or undefined if malformed. */
export function parseThreshold(text: string, defaultOp: Operator): Threshold | undefined {
  const m = /^\s*(>=|<=|≥|≤|>|<)?\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/i.exec(text);
  if (!m) return undefined;
  const op =
    ({ '≥': '>=', '≤': '<=' } as Record<string, Operator>)[m[1]] ?? (m[1] as Operator | undefined) ?? defaultOp;
  return { op, tau: Number(m[2]) };
}
