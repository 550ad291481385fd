import type { LivestreamRow, LivestreamViewerRow } from '@duijie/db';
import { type AudienceMember, type SeekerProfile, seekerProfileDefaults } from '@duijie/ranking';
import type { RegionDirectory } from '@duijie/regions';
import type { Taxonomy } from '@duijie/taxonomy';

/** Cells the lineup ranks for at most: the biggest groups of viewers, each weighted by its size. */
const MAX_CELLS = 48;
const WAGE_BAND = 1000;

type Cell = { region: string; skills: string[]; wage: number | null; count: number };

/**
 * A livestream's audience in aggregate: viewers grouped by home prefecture, trades and wage
 * expectation, counted as they register. Ranking for the biggest groups weighted by size
 * costs the same for 200 viewers as for 200,000.
 */
export class Audience {
  readonly #cells = new Map<string, Cell>();
  readonly #counted = new Set<string>();
  #version = 0;

  constructor(private readonly lookups: { regions: RegionDirectory; taxonomy: Taxonomy }) {}

  get viewers(): number {
    return this.#counted.size;
  }

  /** Changes whenever a viewer is added. */
  get version(): number {
    return this.#version;
  }

  has(viewerId: string): boolean {
    return this.#counted.has(viewerId);
  }

  add(viewer: Pick<LivestreamViewerRow, 'id' | 'regionCode' | 'skillCodes' | 'expectedMonthlyWage'>) {
    if (this.#counted.has(viewer.id)) return;
    this.#counted.add(viewer.id);
    const levels = this.lookups.regions.levels(viewer.regionCode);
    const region = levels.prefecture ?? levels.province ?? viewer.regionCode;
    const skills = [...viewer.skillCodes].sort().slice(0, 2);
    const wage =
      viewer.expectedMonthlyWage === null ? null : Math.round(viewer.expectedMonthlyWage / WAGE_BAND) * WAGE_BAND;
    const key = `${region}|${skills.join('+')}|${wage ?? ''}`;
    const cell = this.#cells.get(key) ?? { region, skills, wage, count: 0 };
    cell.count++;
    this.#cells.set(key, cell);
    this.#version++;
  }

  /**
   * The stand-ins the engine ranks for: the viewers' biggest groups, or the session's target
   * when none came. A target is a place and groups, not a person: it is taken to hold the
   * session's licences, so licensed trades are not left out of the lineup for want of them.
   */
  members(
    session: Pick<LivestreamRow, 'regionCode' | 'targetRegions' | 'targetGroups'>,
    licences: readonly string[],
  ): { members: AudienceMember[]; basis: 'viewers' | 'target' } {
    if (this.#cells.size === 0) {
      const regions = session.targetRegions.length > 0 ? session.targetRegions : [session.regionCode];
      return {
        basis: 'target',
        members: regions.map((region) => ({
          weight: 1,
          profile: {
            ...this.#standIn(`target:${region}`, region, [], null, session.targetGroups),
            certificates: [...licences],
          },
        })),
      };
    }
    const biggest = [...this.#cells.values()].sort((a, b) => b.count - a.count).slice(0, MAX_CELLS);
    return {
      basis: 'viewers',
      members: biggest.map((c) => ({
        weight: c.count,
        profile: this.#standIn(`viewers:${c.region}:${c.skills.join('+')}:${c.wage}`, c.region, c.skills, c.wage, []),
      })),
    };
  }

  #standIn(id: string, region: string, skills: string[], wage: number | null, groups: string[]): SeekerProfile {
    const { taxonomy, regions } = this.lookups;
    return seekerProfileDefaults({
      id,
      residenceRegionCode: region,
      location: regions.point(region),
      skills: skills.map((code) => ({ code, name: taxonomy.skill(code)?.name ?? code })),
      // A viewer counted under a licensed trade is taken to hold its licence: the aggregate
      // says who is watching, not who is missing a certificate.
      certificates: taxonomy.requiredCertificates(skills),
      priorityGroups: groups,
      // Viewers of a recruiting stream chose its jobs: where they are counts in the score,
      // not as a limit.
      demand: { regionScope: 'anywhere', expectedMonthlyWage: wage },
    });
  }
}
