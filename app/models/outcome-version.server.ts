// Versions of an outcome document: named snapshots of the whole Yjs state ("Stand na
// bijeenkomst N", named by a leader, automatic, or taken just before a restore), who contributed
// to each, reading one, comparing two (or one with the current text), and restoring one as a new
// change on top. History is never rewritten: nothing here deletes or changes a version or a
// logged update. Scheduling (meeting ends, hourly versions, contributors) is in
// version-schedule.server.ts.
import type { JSONContent } from "@tiptap/core";
import { updateYFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { docToJSON, jsonToHTML } from "~/editor/render.server";
import { DOCUMENT_FIELD, editorSchema } from "~/editor/schema";
import { type DiffLabels, type DocumentDiff, diffDocuments } from "~/editor/version-diff";
import type { VersionKind } from "~/lib/versions";
import { db } from "~/utils/db.server";
import { announceDocumentChange, announceOutcomeEvent } from "~/utils/live-events.server";
import { loadDocument } from "../../server/collab/persistence";

export { MAX_VERSION_NAME, type VersionKind } from "~/lib/versions";

/** Stored names (Dutch, like the rest of the document); the UI translates by kind. */
export const meetingVersionName = (n: number) => `Stand na bijeenkomst ${n}`;
export const AUTO_VERSION_NAME = "Automatisch bewaard";
export const beforeRestoreName = (name: string) => `Voor het terugzetten van ‘${name}’`;

const isUniqueViolation = (error: unknown) =>
  (error as { code?: unknown } | null)?.code === "P2002";

async function communityOf(outcomeId: string): Promise<string | null> {
  const outcome = await db.outcome.findUnique({
    where: { id: outcomeId },
    select: { subgroup: { select: { theme: { select: { communityId: true } } } } },
  });
  return outcome?.subgroup.theme.communityId ?? null;
}

/**
 * Takes a version of the document as it is now (state + log), or of `doc` when given. The
 * contributors since the previous version move to it, in the same transaction. Audited and
 * announced to open editors. Returns null when the outcome does not exist or its version of
 * that meeting already exists (meeting versions are one per meeting).
 */
export async function takeVersion(
  outcomeId: string,
  input: { kind: VersionKind; name: string; meetingNumber?: number | null; actorId: string | null },
  doc?: Y.Doc,
): Promise<{ id: string } | null> {
  const communityId = await communityOf(outcomeId);
  if (!communityId) return null;
  let state: Uint8Array;
  if (doc) state = Y.encodeStateAsUpdate(doc);
  else {
    const loaded = await loadDocument(outcomeId);
    if (!loaded) return null;
    state = Y.encodeStateAsUpdate(loaded.doc);
    loaded.doc.destroy();
  }
  const meetingNumber = input.kind === "meeting" ? (input.meetingNumber ?? null) : null;
  let version: { id: string } | null;
  try {
    version = await db.$transaction(async (tx) => {
      if (
        meetingNumber !== null &&
        (await tx.outcomeVersion.findUnique({
          where: { outcomeId_meetingNumber: { outcomeId, meetingNumber } },
          select: { id: true },
        }))
      )
        return null;
      const created = await tx.outcomeVersion.create({
        data: {
          outcomeId,
          kind: input.kind,
          name: input.name,
          meetingNumber,
          state: new Uint8Array(state),
          createdById: input.actorId,
        },
        select: { id: true },
      });
      const contributors = await tx.outcomeContributor.findMany({
        where: { outcomeId },
        select: { userId: true },
      });
      if (contributors.length > 0) {
        await tx.outcomeVersionContributor.createMany({
          data: contributors.map((c) => ({ versionId: created.id, userId: c.userId })),
        });
        await tx.outcomeContributor.deleteMany({
          where: { outcomeId, userId: { in: contributors.map((c) => c.userId) } },
        });
      }
      await tx.auditEvent.create({
        data: {
          actorId: input.actorId,
          communityId,
          action: "outcome.version.take",
          targetType: "outcome",
          targetId: outcomeId,
          data: JSON.stringify({
            versionId: created.id,
            kind: input.kind,
            name: input.name,
            meetingNumber,
          }),
        },
      });
      return created;
    });
  } catch (error) {
    // Another node took the same meeting's version at the same moment.
    if (meetingNumber !== null && isUniqueViolation(error)) return null;
    throw error;
  }
  if (version) announceOutcomeEvent(outcomeId, "versions");
  return version;
}

const versionSelect = {
  id: true,
  kind: true,
  name: true,
  meetingNumber: true,
  createdAt: true,
  createdBy: { select: { name: true } },
  contributors: { select: { user: { select: { id: true, name: true } } } },
} as const;

/** Every version, newest first, with who took it and who contributed to it. */
export async function listVersions(outcomeId: string) {
  const [versions, pending] = await Promise.all([
    db.outcomeVersion.findMany({
      where: { outcomeId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: versionSelect,
    }),
    db.outcomeContributor.findMany({
      where: { outcomeId },
      orderBy: { lastAt: "desc" },
      select: { user: { select: { id: true, name: true } } },
    }),
  ]);
  return {
    versions: versions.map(toSummary),
    /** Who changed the text since the newest version. */
    pendingContributors: pending.map((c) => c.user.name),
  };
}

export type VersionSummary = ReturnType<typeof toSummary>;

function toSummary(v: {
  id: string;
  kind: string;
  name: string;
  meetingNumber: number | null;
  createdAt: Date;
  createdBy: { name: string } | null;
  contributors: { user: { id: string; name: string } }[];
}) {
  return {
    id: v.id,
    kind: v.kind as VersionKind,
    name: v.name,
    meetingNumber: v.meetingNumber,
    createdAt: v.createdAt,
    createdBy: v.createdBy?.name ?? null,
    contributors: v.contributors.map((c) => c.user.name).sort((a, b) => a.localeCompare(b, "nl")),
  };
}

/** The newest version (for the link on the subgroup page), or null. */
export async function getLatestVersion(outcomeId: string) {
  const v = await db.outcomeVersion.findFirst({
    where: { outcomeId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: versionSelect,
  });
  return v ? toSummary(v) : null;
}

function stateToJSON(state: Uint8Array): JSONContent {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const json = docToJSON(doc);
  doc.destroy();
  return json;
}

async function findVersion(outcomeId: string, versionId: string) {
  return db.outcomeVersion.findFirst({
    where: { id: versionId, outcomeId },
    select: { ...versionSelect, state: true },
  });
}

/** One version as JSON and HTML (read-only view), or null when it is not this outcome's. */
export async function getVersion(outcomeId: string, versionId: string) {
  const version = await findVersion(outcomeId, versionId);
  if (!version) return null;
  const json = stateToJSON(new Uint8Array(version.state));
  return { version: toSummary(version), json, html: jsonToHTML(json) };
}

async function currentJSON(outcomeId: string): Promise<JSONContent | null> {
  const loaded = await loadDocument(outcomeId);
  if (!loaded) return null;
  const json = docToJSON(loaded.doc);
  loaded.doc.destroy();
  return json;
}

/**
 * Compares version `fromId` with version `toId`, or with the current text when `toId` is
 * "current". Null when either is not this outcome's.
 */
export async function compareVersions(
  outcomeId: string,
  fromId: string,
  toId: string,
  labels: DiffLabels,
): Promise<(DocumentDiff & { from: VersionSummary; to: VersionSummary | null }) | null> {
  const from = await findVersion(outcomeId, fromId);
  if (!from) return null;
  let to: Awaited<ReturnType<typeof findVersion>> = null;
  let after: JSONContent | null;
  if (toId === "current") after = await currentJSON(outcomeId);
  else {
    to = await findVersion(outcomeId, toId);
    after = to ? stateToJSON(new Uint8Array(to.state)) : null;
  }
  if (!after) return null;
  const diff = diffDocuments(stateToJSON(new Uint8Array(from.state)), after, labels);
  return { ...diff, from: toSummary(from), to: to ? toSummary(to) : null };
}

/**
 * The Yjs update that turns `doc` into `content` with as few changes as possible (unchanged
 * blocks and text stay the same Yjs items, so concurrent edits elsewhere and comment anchors
 * survive). Applies it to `doc` and returns it.
 */
export function updateTowards(doc: Y.Doc, content: JSONContent): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const target = editorSchema.nodeFromJSON(content);
  doc.transact(() => {
    updateYFragment(doc, doc.getXmlFragment(DOCUMENT_FIELD), target, {
      mapping: new Map(),
      isOMark: new Map(),
    });
  });
  return Y.encodeStateAsUpdate(doc, before);
}

export type RestoreResult =
  | { ok: true; backupId: string; changed: boolean }
  | { ok: false; reason: "notFound" };

/**
 * Restores a version as a new change on top: first a version of the current text (so nothing
 * is ever lost), then the change that makes the document equal to the version goes into the log
 * like any edit; open editors receive it. Audited.
 */
export async function restoreVersion(
  outcomeId: string,
  versionId: string,
  actorId: string,
): Promise<RestoreResult> {
  const version = await findVersion(outcomeId, versionId);
  const communityId = await communityOf(outcomeId);
  const loaded = await loadDocument(outcomeId);
  if (!version || !communityId || !loaded) {
    loaded?.doc.destroy();
    return { ok: false, reason: "notFound" };
  }
  try {
    const backup = await takeVersion(
      outcomeId,
      { kind: "restore", name: beforeRestoreName(version.name), actorId },
      loaded.doc,
    );
    if (!backup) return { ok: false, reason: "notFound" };
    const update = updateTowards(loaded.doc, stateToJSON(new Uint8Array(version.state)));
    const { structs, ds } = Y.decodeUpdate(update);
    const changed = structs.length > 0 || ds.clients.size > 0;
    await db.$transaction(async (tx) => {
      if (changed) {
        await tx.outcomeUpdate.create({
          data: { outcomeId, update: new Uint8Array(update), userId: actorId },
        });
        await tx.outcomeContributor.upsert({
          where: { outcomeId_userId: { outcomeId, userId: actorId } },
          create: { outcomeId, userId: actorId },
          update: { lastAt: new Date() },
        });
      }
      await tx.auditEvent.create({
        data: {
          actorId,
          communityId,
          action: "outcome.version.restore",
          targetType: "outcome",
          targetId: outcomeId,
          data: JSON.stringify({ versionId, name: version.name, backupVersionId: backup.id }),
        },
      });
    });
    if (changed) announceDocumentChange(outcomeId);
    announceOutcomeEvent(outcomeId, "versions");
    return { ok: true, backupId: backup.id, changed };
  } finally {
    loaded.doc.destroy();
  }
}

/** The outcome of a subgroup with the names the version pages show, or null. */
export async function findOutcomeOfSubgroup(subgroupId: string) {
  const outcome = await db.outcome.findUnique({
    where: { subgroupId },
    select: {
      id: true,
      title: true,
      subgroup: { select: { name: true, theme: { select: { name: true } } } },
    },
  });
  if (!outcome) return null;
  return {
    outcomeId: outcome.id,
    title: outcome.title,
    subgroupName: `${outcome.subgroup.name} · ${outcome.subgroup.theme.name}`,
  };
}
