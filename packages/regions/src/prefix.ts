/**
 * The code prefix all divisions inside a region share (GB/T 2260 codes nest by prefix):
 * 430000 → 43, 433100 → 4331, 433101 → 433101, 433101001000 → 433101001, a village → all 12.
 */
export function regionPrefix(code: string): string {
  if (code.length === 12) return code.endsWith('000') ? code.slice(0, 9) : code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** Prefix-based containment, for hot loops that cannot afford a parent-chain walk. */
export const inRegion = (code: string, regionCode: string) => code.startsWith(regionPrefix(regionCode));
