import type { JSONContent } from "@tiptap/core";
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docToJSON, jsonToText, jsonToUpdate } from "~/editor/render.server";
import { seedDemo } from "~/models/seed.server";
import { db } from "~/utils/db.server";
import { onOutcomeEvent } from "~/utils/live-events.server";
import { appendUpdates, applyLog, loadDocument } from "../../server/collab/persistence";
import { createCommunity } from "./community-admin.server";
import { getOutcomeContent } from "./outcome.server";
import {
  compareVersions,
  getVersion,
  listVersions,
  restoreVersion,
  takeVersion,
  updateTowards,
} from "./outcome-version.server";
import {
  meetingsForVersions,
  recordEdit,
  takeAutoVersionIfDue,
  takeMeetingVersionNow,
  takeMeetingVersions,
} from "./version-schedule.server";

let themeId: string;
let organiserId: string;
let memberIds: string[];
const unique = () => Math.random().toString(36).slice(2, 8);
const labels = { inserted: "ingevoegd:", deleted: "verwijderd:" };

const doc = (...paragraphs: string[]): JSONContent => ({
  type: "doc",
  content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
});

async function freshOutcome(inTheme = themeId) {
  const subgroup = await db.subgroup.create({
    data: {
      themeId: inTheme,
      name: `Testgroep ${unique()}`,
      position: 99,
      outcome: { create: { type: "leeg", status: "concept" } },
    },
    include: { outcome: true },
  });
  return subgroup.outcome!.id;
}

/** Stores an edit that turns the document into `json` (as the sync server would). */
async function edit(outcomeId: string, json: JSONContent, userId: string | null = null) {
  const loaded = (await loadDocument(outcomeId))!;
  const update = updateTowards(loaded.doc, json);
  loaded.doc.destroy();
  await appendUpdates(outcomeId, [{ update, userId }]);
}

const textOf = async (outcomeId: string) => (await getOutcomeContent(outcomeId))?.text;

beforeAll(async () => {
  await seedDemo(db);
  themeId = (await db.theme.findFirstOrThrow({ select: { id: true } })).id;
  organiserId = (
    await db.user.findUniqueOrThrow({ where: { email: "organisator@werkplaats.test" } })
  ).id;
  memberIds = (
    await db.user.findMany({
      where: { email: { in: ["deelnemer01@werkplaats.test", "deelnemer02@werkplaats.test"] } },
      orderBy: { email: "asc" },
      select: { id: true },
    })
  ).map((u) => u.id);
});

describe("taking versions", () => {
  it("stores the whole text, moves the contributors to it, audits and announces it", async () => {
    const outcomeId = await freshOutcome();
    await edit(outcomeId, doc("Eerste stap: ouders bellen."), memberIds[0]);
    for (const userId of memberIds)
      await db.outcomeContributor.create({ data: { outcomeId, userId } });
    const events: string[] = [];
    const stop = onOutcomeEvent((id, topic) => id === outcomeId && events.push(topic));
    const version = await takeVersion(outcomeId, {
      kind: "manual",
      name: "Na de eerste ronde",
      actorId: organiserId,
    });
    stop();
    expect(version).not.toBeNull();
    expect(events).toEqual(["versions"]);

    const { versions, pendingContributors } = await listVersions(outcomeId);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ kind: "manual", name: "Na de eerste ronde" });
    expect(versions[0]?.createdBy).toBe("Marieke de Vries");
    expect(versions[0]?.contributors).toEqual(["Annemieke Jansen", "Bas van Dijk"]);
    expect(pendingContributors).toEqual([]);
    expect(await db.outcomeContributor.count({ where: { outcomeId } })).toBe(0);
    expect(
      await db.auditEvent.count({
        where: { targetId: outcomeId, action: "outcome.version.take", actorId: organiserId },
      }),
    ).toBe(1);

    // Later edits do not change the version.
    await edit(outcomeId, doc("Eerste stap: ouders direct bellen."));
    const read = await getVersion(outcomeId, version!.id);
    expect(jsonToText(read!.json)).toBe("Eerste stap: ouders bellen.");
    expect(read!.html).toBe("<p>Eerste stap: ouders bellen.</p>");
    // Another outcome's id finds nothing.
    expect(await getVersion(await freshOutcome(), version!.id)).toBeNull();
  });

  it("compares a version with the current text and with another version", async () => {
    const outcomeId = await freshOutcome();
    await edit(outcomeId, doc("Bel de ouders op dag een."));
    const first = (await takeVersion(outcomeId, { kind: "manual", name: "A", actorId: null }))!;
    await edit(outcomeId, doc("Bel de ouders op dag twee.", "Meld het aan de mentor."));
    const current = await compareVersions(outcomeId, first.id, "current", labels);
    expect(current?.html).toContain('<del class="diff-del">');
    expect(current?.html).toContain("een</del>");
    expect(current?.html).toContain("twee</ins>");
    expect(current?.html).toContain("Meld het aan de mentor.</ins>");
    expect(current).toMatchObject({ to: null, insertions: 2, deletions: 1 });
    const second = (await takeVersion(outcomeId, { kind: "manual", name: "B", actorId: null }))!;
    const between = await compareVersions(outcomeId, first.id, second.id, labels);
    expect(between?.html).toBe(current?.html);
    expect(between?.to?.name).toBe("B");
    expect(await compareVersions(outcomeId, "missing", "current", labels)).toBeNull();
  });
});

describe("automatic versions", () => {
  it("are taken on an edit when the latest is over an hour old, or there is none", async () => {
    const outcomeId = await freshOutcome();
    // An empty document gets none.
    expect(await recordEdit(outcomeId, [memberIds[0]!])).toBeNull();
    await edit(outcomeId, doc("Tekst"), memberIds[0]);
    const first = await recordEdit(outcomeId, [memberIds[0]!]);
    expect(first).not.toBeNull();
    // Within the hour: none, however many edits.
    expect(await recordEdit(outcomeId, [memberIds[1]!])).toBeNull();
    const later = new Date(Date.now() + 2 * 3600_000);
    expect(await takeAutoVersionIfDue(outcomeId, later)).not.toBeNull();
    // No changes since that one: none.
    expect(await takeAutoVersionIfDue(outcomeId, new Date(Date.now() + 5 * 3600_000))).toBeNull();
    const { versions } = await listVersions(outcomeId);
    expect(versions.map((v) => [v.kind, v.name, v.contributors])).toEqual([
      ["auto", "Automatisch bewaard", ["Bas van Dijk"]],
      ["auto", "Automatisch bewaard", ["Annemieke Jansen"]],
    ]);
  });
});

describe("meeting versions", () => {
  it("are taken once per ended meeting, for documents with text, and never twice", async () => {
    const created = await createCommunity(organiserId, {
      name: `Versiegemeenschap ${unique()}`,
      kind: "leergemeenschap",
      tagline: "",
    });
    if (!created.ok) throw new Error(created.error);
    const communityId = created.id;
    const theme = await db.theme.create({
      data: { communityId, slug: `t-${unique()}`, name: "Thema", description: "", position: 1 },
    });
    const withText = await freshOutcome(theme.id);
    const empty = await freshOutcome(theme.id);
    const onDemand = await freshOutcome(theme.id);
    await edit(withText, doc("Onze aanpak"));
    await edit(onDemand, doc("Al vastgelegd"));
    const now = new Date();
    const hours = (h: number) => new Date(now.getTime() + h * 3600_000);
    const meeting = (number: number, endsAt: Date, status = "scheduled") =>
      db.meeting.create({
        data: {
          communityId,
          number,
          startsAt: new Date(endsAt.getTime() - 2 * 3600_000),
          endsAt,
          mode: "online",
          status,
        },
      });
    const old = await meeting(1, hours(-24 * 10));
    const ended = await meeting(2, hours(-1));
    const cancelled = await meeting(3, hours(-1), "cancelled");
    const future = await meeting(4, hours(24));

    // A leader took meeting 2's version of one document already.
    expect(await takeMeetingVersionNow(onDemand, 2, organiserId)).toBe("taken");
    expect(await takeMeetingVersionNow(onDemand, 2, organiserId)).toBe("exists");
    expect(await takeMeetingVersionNow(onDemand, 4, organiserId)).toBe("unknownMeeting");
    expect(await takeMeetingVersionNow(empty, 2, organiserId)).toBe("empty");
    expect(await meetingsForVersions(onDemand)).toEqual([
      { number: 1, taken: false },
      { number: 2, taken: true },
    ]);

    await takeMeetingVersions(now);
    expect(await takeMeetingVersions(now)).toBe(0);

    const versionsOf = (outcomeId: string) =>
      db.outcomeVersion.findMany({
        where: { outcomeId },
        select: { kind: true, name: true, meetingNumber: true, createdById: true },
      });
    expect(await versionsOf(withText)).toEqual([
      { kind: "meeting", name: "Stand na bijeenkomst 2", meetingNumber: 2, createdById: null },
    ]);
    expect(await versionsOf(empty)).toEqual([]);
    expect(await versionsOf(onDemand)).toEqual([
      {
        kind: "meeting",
        name: "Stand na bijeenkomst 2",
        meetingNumber: 2,
        createdById: organiserId,
      },
    ]);
    const marked = async (id: string) =>
      (await db.meeting.findUniqueOrThrow({ where: { id } })).versionsTakenAt !== null;
    expect(await marked(old.id)).toBe(true);
    expect(await marked(ended.id)).toBe(true);
    expect(await marked(cancelled.id)).toBe(false);
    expect(await marked(future.id)).toBe(false);
  });
});

describe("restoring a version", () => {
  it("makes the text equal to the version as a new change on top, losing nothing", async () => {
    const outcomeId = await freshOutcome();
    const original = doc("Stap 1: ouders bellen.", "Stap 2: mentor informeren.");
    await edit(outcomeId, original);
    const v1 = (await takeVersion(outcomeId, {
      kind: "meeting",
      name: "Stand na bijeenkomst 1",
      meetingNumber: 1,
      actorId: null,
    }))!;
    await edit(outcomeId, doc("Stap 1: ouders direct bellen.", "Stap 3: leerplicht."));
    const changed = await textOf(outcomeId);
    const updatesBefore = await db.outcomeUpdate.count({ where: { outcomeId } });

    // An open editor (a loaded room) and a member who types at the same time.
    const room = (await loadDocument(outcomeId))!.doc;
    const typing = (await loadDocument(outcomeId))!.doc;
    const typed = updateTowards(
      typing,
      doc("Stap 1: ouders direct bellen.", "Stap 3: leerplicht.", "Nieuw: zorgteam."),
    );

    const result = await restoreVersion(outcomeId, v1.id, organiserId);
    expect(result).toMatchObject({ ok: true, changed: true });
    expect(await textOf(outcomeId)).toBe(jsonToText(original));

    // Nothing was deleted: the old version is still there, the text before it is a version too.
    const { versions } = await listVersions(outcomeId);
    expect(versions.map((v) => v.name)).toEqual([
      "Voor het terugzetten van ‘Stand na bijeenkomst 1’",
      "Stand na bijeenkomst 1",
    ]);
    const backup = await getVersion(outcomeId, versions[0]!.id);
    expect(jsonToText(backup!.json)).toBe(changed);
    expect(await db.outcomeUpdate.count({ where: { outcomeId } })).toBe(updatesBefore + 1);
    expect(
      await db.auditEvent.count({
        where: { targetId: outcomeId, action: "outcome.version.restore" },
      }),
    ).toBe(1);

    // The open editor follows by applying the log.
    await applyLog(outcomeId, room, null);
    expect(jsonToText(docToJSON(room))).toBe(jsonToText(original));

    // The concurrent typing and the restore converge: both keep the new paragraph.
    await appendUpdates(outcomeId, [{ update: typed, userId: null }]);
    await applyLog(outcomeId, typing, null);
    Y.applyUpdate(room, typed);
    const stored = await textOf(outcomeId);
    expect(jsonToText(docToJSON(typing))).toBe(stored);
    expect(jsonToText(docToJSON(room))).toBe(stored);
    expect(stored).toContain("Nieuw: zorgteam.");
    expect(stored).toContain("Stap 2: mentor informeren.");
    room.destroy();
    typing.destroy();
  });

  it("refuses a version of another outcome", async () => {
    const a = await freshOutcome();
    const b = await freshOutcome();
    await edit(a, doc("A"));
    const v = (await takeVersion(a, { kind: "manual", name: "A", actorId: null }))!;
    expect(await restoreVersion(b, v.id, organiserId)).toEqual({ ok: false, reason: "notFound" });
    expect(await db.outcomeVersion.count({ where: { outcomeId: b } })).toBe(0);
  });
});

// jsonToUpdate is the template path; a version restored over it still aligns blocks.
it("restores over a document seeded by a template", async () => {
  const outcomeId = await freshOutcome();
  await appendUpdates(outcomeId, [{ update: jsonToUpdate(doc("Sjabloon")), userId: null }]);
  const v = (await takeVersion(outcomeId, { kind: "manual", name: "S", actorId: null }))!;
  await edit(outcomeId, doc("Sjabloon", "Aangevuld"));
  await restoreVersion(outcomeId, v.id, organiserId);
  expect(await textOf(outcomeId)).toBe("Sjabloon");
});
