/** A value as readouts show it: fixed decimals, a unit, and "—" when there is no value. */
export function formatValue(value: number, decimals: number, unit: string): string {
  if (!Number.isFinite(value)) return '—'
  const text = value.toFixed(decimals)
  // "-0.00" reads as a measurement error to a learner.
  const clean = /^-0\.?0*$/.test(text) ? text.slice(1) : text
  return unit ? `${clean} ${unit}` : clean
}

/** A whole number that changes exactly when the displayed text changes (no string per frame). */
export function displayKey(value: number, decimals: number): number {
  return Number.isFinite(value) ? Math.round(value * 10 ** decimals) : Number.NaN
}
