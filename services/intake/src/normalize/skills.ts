import type { Skill } from '@duijie/contracts';
import type { SkillRecord } from '@duijie/db';
import { simplify, type Taxonomy } from '@duijie/taxonomy';

/**
 * Skills as stored: each mapped to its taxonomy code and canonical name where the taxonomy
 * knows it (電焊 → skill.welding 电焊), kept as simplified free text where it does not;
 * the unknown ones are added to `unknown` so the caller can report them.
 */
export function mapSkills(skills: readonly Skill[], taxonomy: Taxonomy, unknown: string[]): SkillRecord[] {
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
