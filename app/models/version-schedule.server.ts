// When versions are taken without anyone asking: "Stand na bijeenkomst N" when a meeting has
// ended (the e-mail scheduler runs takeMeetingVersions on every tick), "Automatisch bewaard" at
// most hourly while a document is being edited, and the record of who edited since the latest
// version (the sync server reports authors, see server/collab/rooms.ts). Also a leader's
// on-demand meeting version. Taking a version itself is outcome-version.server.ts.
import type * as Y from "yjs";
import { docToJSON, isEmptyDocument } from "~/editor/render.server";
import { db } from "~/utils/db.server";
import { claim } from "~/utils/redis.server";
import { loadDocument } from "../../server/collab/persistence";
import { AUTO_VERSION_NAME, meetingVersionName, takeVersion } from "./outcome-version.server";

/** Automatic versions are at least this far apart. */
export const AUTO_VERSION_EVERY_MS = 60 * 60 * 1000;
/** Meetings that ended longer ago than this are marked without versions (old data). */
export const MEETING_VERSIONS_WITHIN_MS = 7 * 24 * 60 * 60 * 1000;

/** The document if it holds text, else null (empty documents get no automatic versions). */
async function loadNonEmpty(outcomeId: string): Promise<Y.Doc | null> {
  const loaded = await loadDocument(outcomeId);
  if (!loaded) return null;
  if (isEmptyDocument(docToJSON(loaded.doc))) {
    loaded.doc.destroy();
    return null;
  }
  return loaded.doc;
}

/**
 * Takes the meeting versions of every meeting that has ended and has none yet. A meeting is
 * claimed with a conditional update first, so two nodes never both take them; the unique
 * (outcome, meeting number) makes a version taken on demand earlier count. Cancelled meetings
 * are skipped; meetings that ended over a week ago are only marked. Returns versions taken.
 */
export async function takeMeetingVersions(now: Date): Promise<number> {
  const meetings = await db.meeting.findMany({
    where: { versionsTakenAt: null, status: { not: "cancelled" }, endsAt: { lte: now } },
    select: { id: true, number: true, communityId: true, endsAt: true },
  });
  let taken = 0;
  const failures: unknown[] = [];
  for (const meeting of meetings) {
    const { count } = await db.meeting.updateMany({
      where: { id: meeting.id, versionsTakenAt: null, status: { not: "cancelled" } },
      data: { versionsTakenAt: now },
    });
    if (count === 0) continue;
    if (now.getTime() - meeting.endsAt.getTime() > MEETING_VERSIONS_WITHIN_MS) continue;
    const outcomes = await db.outcome.findMany({
      where: { subgroup: { theme: { communityId: meeting.communityId } } },
      select: { id: true },
    });
    let failed = false;
    for (const { id } of outcomes) {
      // One document that cannot be read must not cost the other groups their version.
      try {
        const doc = await loadNonEmpty(id);
        if (!doc) continue;
        try {
          const version = await takeVersion(
            id,
            {
              kind: "meeting",
              name: meetingVersionName(meeting.number),
              meetingNumber: meeting.number,
              actorId: null,
            },
            doc,
          );
          if (version) taken += 1;
        } finally {
          doc.destroy();
        }
      } catch (error) {
        failed = true;
        failures.push(error);
      }
    }
    // Release the claim: the next run retries, and the versions taken now count as taken.
    if (failed)
      await db.meeting.update({ where: { id: meeting.id }, data: { versionsTakenAt: null } });
  }
  if (failures.length > 0)
    throw new AggregateError(failures, `${failures.length} meeting version(s) could not be taken`);
  return taken;
}

export type MeetingVersionResult = "taken" | "exists" | "unknownMeeting" | "empty";

/** A leader takes "Stand na bijeenkomst N" now (a meeting of this community that has begun). */
export async function takeMeetingVersionNow(
  outcomeId: string,
  meetingNumber: number,
  actorId: string,
  now = new Date(),
): Promise<MeetingVersionResult> {
  const meetings = await meetingsForVersions(outcomeId, now);
  const meeting = meetings.find((m) => m.number === meetingNumber);
  if (!meeting) return "unknownMeeting";
  if (meeting.taken) return "exists";
  const doc = await loadNonEmpty(outcomeId);
  if (!doc) return "empty";
  try {
    const version = await takeVersion(
      outcomeId,
      { kind: "meeting", name: meetingVersionName(meetingNumber), meetingNumber, actorId },
      doc,
    );
    return version ? "taken" : "exists";
  } finally {
    doc.destroy();
  }
}

/** The community's meetings that have begun and are not cancelled, with whether this outcome has their version. */
export async function meetingsForVersions(outcomeId: string, now = new Date()) {
  const outcome = await db.outcome.findUnique({
    where: { id: outcomeId },
    select: {
      versions: { where: { kind: "meeting" }, select: { meetingNumber: true } },
      subgroup: { select: { theme: { select: { communityId: true } } } },
    },
  });
  if (!outcome) return [];
  const meetings = await db.meeting.findMany({
    where: {
      communityId: outcome.subgroup.theme.communityId,
      status: { not: "cancelled" },
      startsAt: { lte: now },
    },
    orderBy: { number: "asc" },
    select: { number: true },
  });
  const taken = new Set(outcome.versions.map((v) => v.meetingNumber));
  return meetings.map((m) => ({ number: m.number, taken: taken.has(m.number) }));
}

/**
 * Outcomes whose automatic version is being taken in this process (one at a time each); among
 * several nodes a Redis lease does the same.
 */
const autoInProgress = new Set<string>();

/**
 * Records that `userIds` edited the document (they become contributors of the next version),
 * then takes an automatic version when one is due. Called by the sync server after a stored
 * edit, at most once a minute per author and document.
 */
export async function recordEdit(outcomeId: string, userIds: string[], now = new Date()) {
  for (const userId of userIds) {
    await db.outcomeContributor.upsert({
      where: { outcomeId_userId: { outcomeId, userId } },
      create: { outcomeId, userId, lastAt: now },
      update: { lastAt: now },
    });
  }
  return takeAutoVersionIfDue(outcomeId, now);
}

/**
 * Takes "Automatisch bewaard" when the document changed since its latest version and that
 * version is over an hour old (or there is none yet and the document holds text).
 */
export async function takeAutoVersionIfDue(
  outcomeId: string,
  now = new Date(),
): Promise<{ id: string } | null> {
  if (autoInProgress.has(outcomeId)) return null;
  autoInProgress.add(outcomeId);
  // With several nodes, one of them takes it (the others' edits of this minute are covered).
  const lease = await claim(`auto-version:${outcomeId}`, 60_000);
  if (!lease.acquired) {
    autoInProgress.delete(outcomeId);
    return null;
  }
  try {
    const [latest, changes] = await Promise.all([
      db.outcomeVersion.findFirst({
        where: { outcomeId },
        orderBy: { createdAt: "desc" },
        select: { createdAt: true },
      }),
      db.outcomeContributor.count({ where: { outcomeId } }),
    ]);
    if (changes === 0) return null;
    if (latest && now.getTime() - latest.createdAt.getTime() < AUTO_VERSION_EVERY_MS) return null;
    const doc = await loadNonEmpty(outcomeId);
    if (!doc) return null;
    try {
      return await takeVersion(
        outcomeId,
        { kind: "auto", name: AUTO_VERSION_NAME, actorId: null },
        doc,
      );
    } finally {
      doc.destroy();
    }
  } finally {
    autoInProgress.delete(outcomeId);
    await lease.release();
  }
}
