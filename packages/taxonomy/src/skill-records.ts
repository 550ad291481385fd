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
