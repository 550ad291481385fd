import type { Taxonomy } from './taxonomy.ts';

/**
 * Every synonym group as one text table, for review: each skill with what counts as the same
 * work, what is only related, and the licence the law ties to it; then each certificate with
 * its names, what it covers and the law behind it. data/synonym-groups.txt holds it.
 */
export function synonymGroups(taxonomy: Taxonomy): string {
  const name = (code: string) => `${code} ${taxonomy.skill(code)?.name ?? '?'}`;
  const lines = ['# skills: code name (en) | family | ISCO', ''];
  for (const s of taxonomy.skills) {
    lines.push(`${s.code} ${s.name} (${s.en}) | ${taxonomy.family(s.family)?.name ?? s.family} | ${s.isco}`);
    lines.push(`  same: ${s.synonyms.join('、') || '—'}`);
    lines.push(`  related: ${(s.related ?? []).map(name).join('、') || '—'}`);
    lines.push(`  licence: ${s.certificate ? `${s.certificate} ${taxonomy.certificate(s.certificate)?.name}` : '—'}`);
  }
  lines.push('', '# certificates: code name (en)', '');
  for (const c of taxonomy.certificates) {
    const requiredFor = taxonomy.skills.filter((s) => s.certificate === c.code).map((s) => name(s.code));
    lines.push(`${c.code} ${c.name} (${c.en})`);
    lines.push(`  names: ${(c.synonyms ?? []).join('、') || '—'}`);
    lines.push(`  covers: ${(c.covers ?? []).join('、') || '—'}`);
    lines.push(`  basis: ${c.basis}`);
    lines.push(`  required for: ${requiredFor.join('、') || '—'}`);
  }
  return `${lines.join('\n')}\n`;
}
