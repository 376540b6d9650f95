// Authorises a websocket upgrade to /collab/<room> (room = outcome id) from the session cookie,
// through the permissions module, before the socket opens.
import type { IncomingMessage } from "node:http";
import { checkPermission } from "~/models/permissions.server";
import { readSessionToken, validateSessionToken } from "~/utils/session.server";
import { isFromAnotherSite } from "../csrf";

export type CollabAccess = "read-write" | "read-only";

export type UpgradeDecision =
  | { ok: true; userId: string; room: string; access: CollabAccess }
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
  const write = await checkPermission(userId, "outcome.write", { kind: "outcome", id: room });
  if (write.allowed) return { ok: true, userId, room, access: "read-write" };
  const read = await checkPermission(userId, "outcome.read", { kind: "outcome", id: room });
  if (read.allowed) return { ok: true, userId, room, access: "read-only" };
  return { ok: false, status: 403, reason: write.found ? "not allowed" : "no such document" };
}
