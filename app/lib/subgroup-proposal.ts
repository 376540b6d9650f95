// The proposal for a theme's fixed subgroups (pure; the organiser adjusts it before confirming).
//
// Rules, in order of strength:
//   1. sizes differ by at most 1, and no subgroup is larger than the chosen size;
//   2. every function (po, vo, leerplicht, …) is spread evenly: per function, the subgroups'
//      counts differ by at most 1;
//   3. two people of the same organisation are not in one subgroup when that can be avoided
//      without breaking 1 or 2;
//   4. the same people give the same proposal, whatever order they come in.
//
// How: sort people by function (the most common first), then organisation, then id, and deal
// them round the subgroups like cards. Dealing a sorted list in turn gives 1 and 2 for free (a
// run of k people of one function lands floor(k/n) or ceil(k/n) times in each subgroup). Then
// swap pairs of people between subgroups while that lowers the number of same-organisation pairs
// and keeps 2; every swap keeps the sizes.

export const MIN_SUBGROUP_SIZE = 3;
export const MAX_SUBGROUP_SIZE = 8;
export const DEFAULT_SUBGROUP_SIZE = 4;

export type Candidate = { id: string; function: string; organisation: string };

/** How many subgroups `count` people make with at most `size` per subgroup. */
export function subgroupCount(count: number, size: number): number {
  if (count <= 0) return 0;
  return Math.ceil(count / Math.max(1, Math.floor(size)));
}

/** Organisation names compared without case, accents or extra spaces ("OBS  De Regenboog" = "obs de regenboog"). */
export function organisationKey(organisation: string): string {
  return organisation
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The proposal: one array of person ids per subgroup (ids sorted within each subgroup). */
export function proposeSubgroups(people: readonly Candidate[], size: number): string[][] {
  const n = subgroupCount(people.length, size);
  if (n === 0) return [];

  const functionCount = new Map<string, number>();
  for (const p of people) functionCount.set(p.function, (functionCount.get(p.function) ?? 0) + 1);
  const sorted = [...people].sort(
    (a, b) =>
      (functionCount.get(b.function) ?? 0) - (functionCount.get(a.function) ?? 0) ||
      compare(a.function, b.function) ||
      compare(organisationKey(a.organisation), organisationKey(b.organisation)) ||
      compare(a.id, b.id),
  );

  // 1 and 2: deal in turn.
  const groupOf = new Map<Candidate, number>(sorted.map((p, i) => [p, i % n]));

  // 3: improving swaps. Counts per subgroup of each function and each organisation.
  const fnCounts = Array.from({ length: n }, () => new Map<string, number>());
  const orgCounts = Array.from({ length: n }, () => new Map<string, number>());
  const bump = (counts: Map<string, number>, key: string, by: number) =>
    counts.set(key, (counts.get(key) ?? 0) + by);
  for (const [p, g] of groupOf) {
    bump(fnCounts[g]!, p.function, 1);
    const org = organisationKey(p.organisation);
    if (org) bump(orgCounts[g]!, org, 1);
  }
  const spreadOk = (fn: string) => {
    let min = Number.POSITIVE_INFINITY;
    let max = 0;
    for (const counts of fnCounts) {
      const c = counts.get(fn) ?? 0;
      min = Math.min(min, c);
      max = Math.max(max, c);
    }
    return max - min <= 1;
  };
  /** Change in same-organisation pairs when p (in g) and q (in h) swap places. */
  const gain = (p: Candidate, g: number, q: Candidate, h: number) => {
    const a = organisationKey(p.organisation);
    const b = organisationKey(q.organisation);
    if (a === b) return 0;
    const pairs = (counts: Map<string, number>, key: string) => (key ? (counts.get(key) ?? 0) : 0);
    // Leaving removes (count-1) pairs; arriving adds (count) pairs.
    const before = (a ? pairs(orgCounts[g]!, a) - 1 : 0) + (b ? pairs(orgCounts[h]!, b) - 1 : 0);
    const after = pairs(orgCounts[g]!, b) + pairs(orgCounts[h]!, a);
    return before - after;
  };

  let improved = true;
  while (improved) {
    improved = false;
    search: for (let i = 0; i < sorted.length; i++) {
      const p = sorted[i]!;
      const g = groupOf.get(p)!;
      if (!p.organisation || (orgCounts[g]!.get(organisationKey(p.organisation)) ?? 0) < 2)
        continue;
      for (let j = 0; j < sorted.length; j++) {
        const q = sorted[j]!;
        const h = groupOf.get(q)!;
        if (h === g || gain(p, g, q, h) <= 0) continue;
        // Try the swap; undo it when it breaks the spread of functions.
        const move = (x: Candidate, from: number, to: number) => {
          bump(fnCounts[from]!, x.function, -1);
          bump(fnCounts[to]!, x.function, 1);
          const org = organisationKey(x.organisation);
          if (org) {
            bump(orgCounts[from]!, org, -1);
            bump(orgCounts[to]!, org, 1);
          }
          groupOf.set(x, to);
        };
        move(p, g, h);
        move(q, h, g);
        if (p.function === q.function || (spreadOk(p.function) && spreadOk(q.function))) {
          improved = true;
          break search;
        }
        move(p, h, g);
        move(q, g, h);
      }
    }
  }

  const groups: string[][] = Array.from({ length: n }, () => []);
  for (const p of sorted) groups[groupOf.get(p)!]!.push(p.id);
  for (const group of groups) group.sort(compare);
  return groups;
}
