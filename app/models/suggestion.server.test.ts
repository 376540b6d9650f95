import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "~/models/seed.server";
import { db } from "~/utils/db.server";
import { onOutcomeEvent } from "~/utils/live-events.server";
import { checkPermission } from "./permissions.server";
import { membersMayAcceptSuggestions, setMembersMayAcceptSuggestions } from "./suggestion.server";

let themeId: string;
let facilitatorId: string;
let memberId: string;

/** A subgroup of its own per test with a new member, so tests never share a document. */
async function freshSubgroup() {
  const tag = Math.random().toString(36).slice(2, 8);
  const member = await db.user.create({
    data: { email: `lid-${tag}@werkplaats.test`, name: `Lid ${tag}`, passwordHash: "-" },
  });
  memberId = member.id;
  const subgroup = await db.subgroup.create({
    data: {
      themeId,
      name: `Testgroep ${tag}`,
      position: 99,
      outcome: { create: { type: "leeg", status: "concept" } },
      members: { create: { userId: member.id, themeId } },
    },
    include: { outcome: true },
  });
  return { subgroupId: subgroup.id, outcomeId: subgroup.outcome!.id };
}

beforeAll(async () => {
  await seedDemo(db);
  const grant = await db.roleGrant.findFirstOrThrow({
    where: { role: "facilitator", themeId: { not: null } },
    select: { userId: true, themeId: true },
  });
  themeId = grant.themeId!;
  facilitatorId = grant.userId;
});

describe("the group setting for accepting suggestions", () => {
  it("lets members decide once a leader allows it: audited and announced to open editors", async () => {
    const { outcomeId } = await freshSubgroup();
    const target = { kind: "outcome", id: outcomeId } as const;
    expect(await membersMayAcceptSuggestions(outcomeId)).toBe(false);
    expect((await checkPermission(memberId, "outcome.acceptSuggestions", target)).allowed).toBe(
      false,
    );

    const topics: string[] = [];
    const stop = onOutcomeEvent((id, topic) => {
      if (id === outcomeId) topics.push(topic);
    });
    expect(await setMembersMayAcceptSuggestions(outcomeId, true, facilitatorId)).toBe(true);
    expect(await setMembersMayAcceptSuggestions(outcomeId, true, facilitatorId)).toBe(false);
    stop();

    expect(topics).toEqual(["suggestions"]);
    expect(await membersMayAcceptSuggestions(outcomeId)).toBe(true);
    expect((await checkPermission(memberId, "outcome.acceptSuggestions", target)).allowed).toBe(
      true,
    );
    const audit = await db.auditEvent.findMany({ where: { targetId: outcomeId } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["outcome.suggestions.membersMayAccept", facilitatorId],
    ]);

    // A locked document: members decide nothing until it is unlocked.
    await db.outcome.update({ where: { id: outcomeId }, data: { locked: true } });
    expect((await checkPermission(memberId, "outcome.acceptSuggestions", target)).allowed).toBe(
      false,
    );
  });
});
