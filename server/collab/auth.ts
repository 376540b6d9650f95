// Authorises a websocket upgrade to /collab/<room> from the session cookie, through the
// permissions module, before the socket opens. A room is an outcome (room = outcome id: its
// subgroup circle writes, a locked document is read-only for members) or a magazine edition's
// editorial introduction (room = "edition-<id>": read-write for whoever may manage the
// community's magazine, refused to everyone else).
import type { IncomingMessage } from "node:http";
import { editionIdOfRoom } from "~/lib/magazine";
import { can, resolveRole } from "~/models/permissions.server";
import { db } from "~/utils/db.server";
import { readSessionToken, validateSessionToken } from "~/utils/session.server";
import { isFromAnotherSite } from "../csrf";

export type CollabAccess = "read-write" | "read-only";

export type UpgradeDecision =
  | { ok: true; userId: string; sessionId: string; room: string; access: CollabAccess }
  | { ok: false; status: 400 | 401 | 403; reason: string };

const ROOM_PATH = /^\/collab\/([A-Za-z0-9_-]{1,64})\/?$/;

/** The room named by a request target such as "/collab/abc?x=1"; null when malformed. */
export function roomFromRequestTarget(target: string | undefined): string | null {
  if (!target) return null;
  let pathname: string;
  try {
    pathname = new URL(target, "http://localhost").pathname;
  } catch {
    return null;
  }
  return ROOM_PATH.exec(pathname)?.[1] ?? null;
}

export async function authorizeUpgrade(
  req: IncomingMessage,
  trustProxy = false,
): Promise<UpgradeDecision> {
  const room = roomFromRequestTarget(req.url);
  if (!room) return { ok: false, status: 400, reason: "bad room name" };
  // A page on another site must not open a socket with the visitor's cookie.
  if (isFromAnotherSite(req, trustProxy))
    return { ok: false, status: 403, reason: "cross-site upgrade" };
  const token = readSessionToken(req.headers.cookie);
  const session = token ? await validateSessionToken(token) : null;
  if (!session) return { ok: false, status: 401, reason: "no valid session" };
  const userId = session.user.id;
  const access = await accessTo(userId, room);
  if (access.access)
    return { ok: true, userId, sessionId: session.id, room, access: access.access };
  return { ok: false, status: 403, reason: access.found ? "not allowed" : "no such document" };
}

/** The access a user has to a document now, through the permissions module. */
export async function accessTo(
  userId: string,
  room: string,
): Promise<{ access: CollabAccess | null; found: boolean }> {
  const editionId = editionIdOfRoom(room);
  if (editionId !== null) {
    const resolution = await resolveRole(userId, { kind: "edition", id: editionId });
    if (!resolution.found) return { access: null, found: false };
    return {
      access: can(resolution.role, "magazine.manage", resolution.conditions) ? "read-write" : null,
      found: true,
    };
  }
  // One role resolution answers both questions (the policy itself stays in the module).
  const resolution = await resolveRole(userId, { kind: "outcome", id: room });
  if (!resolution.found) return { access: null, found: false };
  if (can(resolution.role, "outcome.write", resolution.conditions))
    return { access: "read-write", found: true };
  if (can(resolution.role, "outcome.read", resolution.conditions))
    return { access: "read-only", found: true };
  return { access: null, found: true };
}

/** Re-checks a live connection: its session still exists and its access, or null (revoked). */
export async function currentAccess(connection: {
  userId: string;
  sessionId: string;
  room: string;
}): Promise<CollabAccess | null> {
  const session = await db.session.findUnique({
    where: { id: connection.sessionId },
    select: { userId: true, expiresAt: true },
  });
  if (!session || session.userId !== connection.userId || session.expiresAt <= new Date())
    return null;
  return (await accessTo(connection.userId, connection.room)).access;
}
