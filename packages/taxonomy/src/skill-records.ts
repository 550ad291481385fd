import { simplify } from './normalize.ts';
import type { Taxonomy } from './taxonomy.ts';

/** A skill as stored: its taxonomy code where known, its canonical or simplified name. */
export type StoredSkill = { code?: string; name: string; level?: string; years?: number };
type SkillClaim = { code?: string | undefined; name: string; level?: string | undefined; years?: number | undefined };

/**
 * Skills as stored: each mapped to its taxonomy code and canonical name where the taxonomy
 * knows it (電焊 → skill.welding 电焊), kept as simplified free text where it does not;
 * the unknown ones are added to `unknown` so the caller can report them.
 */
export function mapSkills(skills: readonly SkillClaim[], taxonomy: Taxonomy, unknown: string[]): StoredSkill[] {
  return skills.map((skill) => {
    const name = simplify(skill.name);
    const code = skill.code ?? taxonomy.resolveSkill(name)?.code;
    if (!code) unknown.push(name);
    return {
      ...(code ? { code } : {}),
      name: code ? (taxonomy.skill(code)?.name ?? name) : name,
      ...(skill.level ? { level: skill.level } : {}),
      ...(skill.years !== undefined ? { years: skill.years } : {}),
    };
  });
}

/**
 * Certificates as stored: each one the taxonomy knows as its code (焊工证, 電工證 →
 * cert.welding, cert.electrician), so the certificates the law requires for a trade, which are
 * codes, match; the others kept as simplified text and added to `unknown` for the caller to report.
 */
export function mapCertificates(certificates: readonly string[], taxonomy: Taxonomy, unknown: string[]): string[] {
  const stored: string[] = [];
  for (const certificate of certificates) {
    const code = taxonomy.resolveCertificate(certificate)?.code;
    if (!code) unknown.push(simplify(certificate));
    const value = code ?? simplify(certificate);
    if (!stored.includes(value)) stored.push(value);
  }
  return stored;
}
