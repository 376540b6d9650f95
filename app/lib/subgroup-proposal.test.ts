import { describe, expect, it } from "vitest";
import {
  type Candidate,
  organisationKey,
  proposeSubgroups,
  subgroupCount,
} from "./subgroup-proposal";

const person = (id: string, fn: string, organisation = `Org ${id}`): Candidate => ({
  id,
  function: fn,
  organisation,
});

/** A small deterministic pseudo-random generator, so "random" inputs are the same every run. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const FUNCTIONS = ["po", "vo", "swv", "jgz", "jeugdhulp", "leerplicht", "gemeente", "anders"];

function randomPeople(count: number, random: () => number, organisations = 6): Candidate[] {
  return Array.from({ length: count }, (_, i) =>
    person(
      `p${String(i).padStart(3, "0")}`,
      FUNCTIONS[Math.floor(random() * FUNCTIONS.length)]!,
      `Organisatie ${Math.floor(random() * organisations)}`,
    ),
  );
}

function sizes(groups: string[][]) {
  return groups.map((g) => g.length);
}

function countsPerGroup(groups: string[][], people: Candidate[], key: (p: Candidate) => string) {
  const byId = new Map(people.map((p) => [p.id, p]));
  return groups.map((g) => {
    const counts = new Map<string, number>();
    for (const id of g) {
      const k = key(byId.get(id)!);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return counts;
  });
}

/** Per function: max − min of its count over the subgroups. */
function functionSpread(groups: string[][], people: Candidate[]) {
  const counts = countsPerGroup(groups, people, (p) => p.function);
  return Object.fromEntries(
    [...new Set(people.map((p) => p.function))].map((fn) => {
      const c = counts.map((m) => m.get(fn) ?? 0);
      return [fn, Math.max(...c) - Math.min(...c)];
    }),
  );
}

function sameOrganisationPairs(groups: string[][], people: Candidate[]) {
  let pairs = 0;
  for (const counts of countsPerGroup(groups, people, (p) => organisationKey(p.organisation)))
    for (const c of counts.values()) pairs += (c * (c - 1)) / 2;
  return pairs;
}

describe("subgroup proposal", () => {
  it("makes no subgroups for nobody, one for one person", () => {
    expect(proposeSubgroups([], 4)).toEqual([]);
    expect(proposeSubgroups([person("a", "po")], 4)).toEqual([["a"]]);
  });

  it("splits size+1 people into two subgroups of nearly equal size, never above the size", () => {
    const people = Array.from({ length: 5 }, (_, i) => person(`p${i}`, "po"));
    expect(subgroupCount(5, 4)).toBe(2);
    expect(sizes(proposeSubgroups(people, 4)).sort()).toEqual([2, 3]);
    // Exactly the size: one subgroup.
    expect(proposeSubgroups(people.slice(0, 4), 4)).toHaveLength(1);
  });

  it("places everyone exactly once, sizes differ by at most 1 and none exceeds the size", () => {
    const random = lcg(7);
    for (let count = 0; count <= 40; count++) {
      for (const size of [3, 4, 5, 8]) {
        const people = randomPeople(count, random);
        const groups = proposeSubgroups(people, size);
        expect(groups.flat().sort()).toEqual(people.map((p) => p.id).sort());
        expect(groups).toHaveLength(subgroupCount(count, size));
        if (count > 0) {
          expect(Math.max(...sizes(groups)) - Math.min(...sizes(groups))).toBeLessThanOrEqual(1);
          expect(Math.max(...sizes(groups))).toBeLessThanOrEqual(size);
        }
      }
    }
  });

  it("spreads every function evenly over the subgroups", () => {
    // 4 leerplicht, 4 po, 2 jgz, 2 gemeente in 3 subgroups of 4.
    const people = [
      ...["a", "b", "c", "d"].map((id) => person(id, "leerplicht")),
      ...["e", "f", "g", "h"].map((id) => person(id, "po")),
      ...["i", "j"].map((id) => person(id, "jgz")),
      ...["k", "l"].map((id) => person(id, "gemeente")),
    ];
    const groups = proposeSubgroups(people, 4);
    expect(sizes(groups)).toEqual([4, 4, 4]);
    for (const spread of Object.values(functionSpread(groups, people)))
      expect(spread).toBeLessThanOrEqual(1);

    const random = lcg(42);
    for (let run = 0; run < 200; run++) {
      const many = randomPeople(5 + Math.floor(random() * 30), random, 4);
      const g = proposeSubgroups(many, 3 + Math.floor(random() * 6));
      for (const [fn, spread] of Object.entries(functionSpread(g, many)))
        expect(spread, `${fn} in run ${run}`).toBeLessThanOrEqual(1);
    }
  });

  it("keeps people of one organisation apart when that is possible", () => {
    // Two colleagues of two organisations, all with different functions: a dealt proposal
    // would put them together; the swaps separate them.
    const people = [
      person("a", "po", "Gemeente Utrecht"),
      person("b", "vo", "gemeente  utrecht"),
      person("c", "swv", "GGD Hollands Midden"),
      person("d", "jgz", "GGD Hollands Midden"),
      person("e", "leerplicht", "Eigen 1"),
      person("f", "gemeente", "Eigen 2"),
    ];
    const groups = proposeSubgroups(people, 3);
    expect(groups).toHaveLength(2);
    expect(sameOrganisationPairs(groups, people)).toBe(0);

    // Three people of one organisation in two subgroups: one pair is unavoidable, not more.
    const crowd = [
      person("x1", "po", "Zelfde school"),
      person("x2", "po", "Zelfde school"),
      person("x3", "vo", "Zelfde school"),
      person("y", "vo", "Ander"),
    ];
    expect(sameOrganisationPairs(proposeSubgroups(crowd, 2), crowd)).toBe(1);
  });

  it("comes close to the fewest same-organisation pairs possible, over many inputs", () => {
    // The fewest pairs if only organisations mattered: each organisation spread evenly. The
    // function spread may make that bound unreachable, so allow a few runs one pair above it.
    const random = lcg(3);
    let above = 0;
    for (let run = 0; run < 300; run++) {
      const people = randomPeople(16, random, 10);
      const n = subgroupCount(people.length, 4);
      const perOrganisation = new Map<string, number>();
      for (const p of people)
        perOrganisation.set(p.organisation, (perOrganisation.get(p.organisation) ?? 0) + 1);
      let bound = 0;
      for (const k of perOrganisation.values()) {
        const q = Math.floor(k / n);
        const rest = k % n;
        bound += (rest * (q + 1) * q) / 2 + ((n - rest) * q * (q - 1)) / 2;
      }
      const pairs = sameOrganisationPairs(proposeSubgroups(people, 4), people);
      expect(pairs - bound, `run ${run}`).toBeLessThanOrEqual(1);
      if (pairs > bound) above++;
    }
    expect(above).toBeLessThanOrEqual(10);
  });

  it("gives the same proposal for the same people, in whatever order they come", () => {
    const random = lcg(11);
    const people = randomPeople(23, random);
    const first = proposeSubgroups(people, 4);
    expect(proposeSubgroups(people, 4)).toEqual(first);
    for (let i = 0; i < 10; i++)
      expect(proposeSubgroups(shuffle(people, random), 4)).toEqual(first);
  });
});
