import type { BoostRule, Policy } from './policy.ts';
import type { PreparedSeeker, PreparedVacancy } from './prepare.ts';
import type { Boost } from './types.ts';

/** The policy boost rules a pair earns, and the post's own preference; their sum is capped at `maxBoost`. */
export function boostRules(s: PreparedSeeker, v: PreparedVacancy, policy: Policy): BoostRule[] {
  if (s.groups.size === 0) return [];
  const rules = policy.boosts.filter(
    (rule) =>
      rule.groups.some((g) => s.groups.has(g)) &&
      (!rule.employerKinds || rule.employerKinds.includes(v.profile.employerKind ?? '')) &&
      (!rule.designedForSupport || v.designedForSupport),
  );
  const preferred = v.profile.priorityGroups;
  if (preferred && preferred.length > 0 && preferred.some((g) => s.groups.has(g))) {
    rules.push(policy.postPreference);
  }
  return rules;
}

/** The capped sum of the boosts a pair earns, without listing them (the scoring path). */
export function boostTotal(s: PreparedSeeker, v: PreparedVacancy, policy: Policy): number {
  if (s.groups.size === 0) return 0;
  let sum = 0;
  for (const rule of policy.boosts) {
    if (rule.employerKinds && !rule.employerKinds.includes(v.profile.employerKind ?? '')) continue;
    if (rule.designedForSupport && !v.designedForSupport) continue;
    for (const g of rule.groups) {
      if (s.groups.has(g)) {
        sum += rule.amount;
        break;
      }
    }
  }
  const preferred = v.profile.priorityGroups;
  if (preferred && preferred.length > 0 && preferred.some((g) => s.groups.has(g))) sum += policy.postPreference.amount;
  return Math.min(policy.maxBoost, sum);
}

/** base + (1 − base) × boost: stays in [0, 1] and keeps the order of base scores. */
export function applyBoosts(base: number, rules: readonly { amount: number }[], policy: Policy) {
  const total = Math.min(
    policy.maxBoost,
    rules.reduce((sum, r) => sum + r.amount, 0),
  );
  return { score: base + (1 - base) * total, total };
}

export function describeBoosts(base: number, rules: Policy['boosts'], policy: Policy): Boost[] {
  const { total } = applyBoosts(base, rules, policy);
  const raw = rules.reduce((sum, r) => sum + r.amount, 0);
  // Each rule's share of the capped boost, so the parts add up to the whole.
  return rules.map((r) => ({
    kind: r.id,
    amount: raw > 0 ? ((1 - base) * total * r.amount) / raw : 0,
    reason: `${r.label.zh} (${r.label.en})`,
  }));
}
