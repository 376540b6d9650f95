// The organiser admin of a community: creating one, editing its texts and registration status,
// publishing, its partners and its co-organisers. Who may do this is decided by the permissions
// module in the routes; this module owns the rules (unique slugs, never zero organisers) and
// writes an AuditEvent for every change, in the same transaction as the change.
import type { MessageKey } from "~/i18n";
import type { CommunityInput, NewCommunityInput, PartnerInput } from "~/lib/forms-admin";
import { db, type Prisma } from "~/utils/db.server";
import { announceAccessChange } from "~/utils/live-events.server";

type Tx = Prisma.TransactionClient;

/** A refused change: the message key and the form field it belongs next to. */
export type Refusal = { ok: false; field: string; error: MessageKey };
export type Result<T = object> = ({ ok: true } & T) | Refusal;

const refuse = (field: string, error: MessageKey): Refusal => ({ ok: false, field, error });

export async function writeAudit(
  tx: Tx,
  event: {
    actorId: string;
    communityId: string;
    action: string;
    targetType: string;
    targetId: string;
    data?: Record<string, unknown>;
  },
) {
  await tx.auditEvent.create({
    data: { ...event, data: JSON.stringify(event.data ?? {}) },
  });
}

/** Paths under /communities/ that are pages, not communities. */
const RESERVED_SLUGS = new Set(["new"]);

/** "Werken aan aanwezigheid!" → "werken-aan-aanwezigheid"; accents are dropped (é → e). */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

// ── Community ────────────────────────────────────────────────────────────────────────────────

/** Creates an unpublished community with the creator as its organiser. */
export async function createCommunity(
  actorId: string,
  input: NewCommunityInput,
): Promise<Result<{ slug: string; id: string }>> {
  const slug = slugify(input.name);
  if (slug === "") return refuse("name", "admin.error.slugEmpty");
  if (RESERVED_SLUGS.has(slug)) return refuse("name", "admin.error.slugTaken");
  const taken = await db.community.findUnique({ where: { slug }, select: { id: true } });
  if (taken) return refuse("name", "admin.error.slugTaken");
  try {
    return await db.$transaction(async (tx) => {
      const community = await tx.community.create({
        data: {
          slug,
          name: input.name,
          kind: input.kind,
          tagline: input.tagline,
          description: "",
          audience: "",
          location: "",
          costs: "",
          // Nobody can register before the organiser opens it.
          registrationStatus: "closed",
          publishedAt: null,
        },
      });
      await tx.roleGrant.create({
        data: {
          userId: actorId,
          role: "organiser",
          communityId: community.id,
          grantedById: actorId,
        },
      });
      await writeAudit(tx, {
        actorId,
        communityId: community.id,
        action: "community.create",
        targetType: "community",
        targetId: community.id,
        data: { slug, name: input.name, kind: input.kind },
      });
      return { ok: true as const, slug, id: community.id };
    });
  } catch (error) {
    // Two organisers creating the same name at the same moment.
    if (isUniqueViolation(error)) return refuse("name", "admin.error.slugTaken");
    throw error;
  }
}

/** What the admin layout shows of every community page. */
export async function getCommunityHeader(communityId: string) {
  return db.community.findUniqueOrThrow({
    where: { id: communityId },
    select: { id: true, slug: true, name: true, publishedAt: true },
  });
}

export async function getCommunityAdmin(communityId: string) {
  return db.community.findUniqueOrThrow({
    where: { id: communityId },
    include: { partners: { orderBy: { position: "asc" } } },
  });
}

const EDITABLE = [
  "name",
  "kind",
  "tagline",
  "description",
  "audience",
  "location",
  "costs",
  "contactEmail",
  "registrationStatus",
  "closedReason",
  "capacity",
] as const;

/** Saves the community's texts and registration settings; the audit row lists what changed. */
export async function updateCommunity(
  actorId: string,
  communityId: string,
  input: CommunityInput,
): Promise<Result> {
  await db.$transaction(async (tx) => {
    const before = await tx.community.findUniqueOrThrow({ where: { id: communityId } });
    const changed = EDITABLE.filter((key) => before[key] !== input[key]);
    if (changed.length === 0) return;
    await tx.community.update({ where: { id: communityId }, data: input });
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "community.update",
      targetType: "community",
      targetId: communityId,
      data: { changed },
    });
  });
  return { ok: true };
}

export async function setPublished(
  actorId: string,
  communityId: string,
  published: boolean,
): Promise<Result> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.community.updateMany({
      where: { id: communityId, publishedAt: published ? null : { not: null } },
      data: { publishedAt: published ? new Date() : null },
    });
    if (count === 0) return;
    await writeAudit(tx, {
      actorId,
      communityId,
      action: published ? "community.publish" : "community.unpublish",
      targetType: "community",
      targetId: communityId,
    });
  });
  return { ok: true };
}

// ── Partners ─────────────────────────────────────────────────────────────────────────────────

export async function addPartner(
  actorId: string,
  communityId: string,
  input: PartnerInput,
): Promise<Result> {
  try {
    await db.$transaction(async (tx) => {
      const last = await tx.partner.findFirst({
        where: { communityId },
        orderBy: { position: "desc" },
        select: { position: true },
      });
      const partner = await tx.partner.create({
        data: {
          communityId,
          name: input.name,
          url: input.url,
          position: (last?.position ?? -1) + 1,
        },
      });
      await writeAudit(tx, {
        actorId,
        communityId,
        action: "partner.create",
        targetType: "partner",
        targetId: partner.id,
        data: { ...input },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return refuse("name", "admin.error.partnerTaken");
    throw error;
  }
  return { ok: true };
}

export async function updatePartner(
  actorId: string,
  communityId: string,
  partnerId: string,
  input: PartnerInput,
): Promise<Result> {
  try {
    const done = await db.$transaction(async (tx) => {
      const { count } = await tx.partner.updateMany({
        where: { id: partnerId, communityId },
        data: { name: input.name, url: input.url },
      });
      if (count === 0) return false;
      await writeAudit(tx, {
        actorId,
        communityId,
        action: "partner.update",
        targetType: "partner",
        targetId: partnerId,
        data: { ...input },
      });
      return true;
    });
    if (!done) return refuse("form", "admin.error.notFound");
  } catch (error) {
    if (isUniqueViolation(error)) return refuse("name", "admin.error.partnerTaken");
    throw error;
  }
  return { ok: true };
}

export async function removePartner(
  actorId: string,
  communityId: string,
  partnerId: string,
): Promise<Result> {
  const done = await db.$transaction(async (tx) => {
    const partner = await tx.partner.findFirst({ where: { id: partnerId, communityId } });
    if (!partner) return false;
    await tx.partner.delete({ where: { id: partnerId } });
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "partner.delete",
      targetType: "partner",
      targetId: partnerId,
      data: { name: partner.name },
    });
    return true;
  });
  return done ? { ok: true } : refuse("form", "admin.error.notFound");
}

/**
 * Swaps an item with its neighbour in a position-ordered list (partners, themes, agenda items).
 * Returns the ids in their new order, or null when the item is not in the list or already at
 * that end.
 */
export function moveInList(ids: string[], id: string, direction: "up" | "down"): string[] | null {
  const index = ids.indexOf(id);
  const other = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || other < 0 || other >= ids.length) return null;
  const next = [...ids];
  [next[index], next[other]] = [next[other]!, next[index]!];
  return next;
}

export async function movePartner(
  actorId: string,
  communityId: string,
  partnerId: string,
  direction: "up" | "down",
): Promise<Result> {
  await db.$transaction(async (tx) => {
    const partners = await tx.partner.findMany({
      where: { communityId },
      orderBy: { position: "asc" },
      select: { id: true },
    });
    const order = moveInList(
      partners.map((p) => p.id),
      partnerId,
      direction,
    );
    if (!order) return;
    for (const [position, id] of order.entries())
      await tx.partner.update({ where: { id }, data: { position } });
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "partner.move",
      targetType: "partner",
      targetId: partnerId,
      data: { direction },
    });
  });
  return { ok: true };
}

// ── Organisers ───────────────────────────────────────────────────────────────────────────────

export async function listOrganisers(communityId: string) {
  const grants = await db.roleGrant.findMany({
    where: { communityId, role: "organiser" },
    orderBy: { createdAt: "asc" },
    select: { id: true, user: { select: { id: true, name: true, email: true } } },
  });
  return grants.map((g) => ({ grantId: g.id, ...g.user }));
}

/** Makes an existing account co-organiser; an address without an account is refused. */
export async function addOrganiser(
  actorId: string,
  communityId: string,
  email: string,
): Promise<Result<{ name: string }>> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true } });
  if (!user) return refuse("email", "admin.error.noAccount");
  return db.$transaction(async (tx) => {
    const existing = await tx.roleGrant.findFirst({
      where: { communityId, userId: user.id, role: "organiser" },
      select: { id: true },
    });
    if (existing) return refuse("email", "admin.error.alreadyOrganiser");
    const grant = await tx.roleGrant.create({
      data: { userId: user.id, role: "organiser", communityId, grantedById: actorId },
    });
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "organiser.add",
      targetType: "roleGrant",
      targetId: grant.id,
      data: { userId: user.id },
    });
    return { ok: true as const, name: user.name };
  });
}

/** Removes an organiser; a community never loses its last one. */
export async function removeOrganiser(
  actorId: string,
  communityId: string,
  userId: string,
): Promise<Result> {
  const result = await db.$transaction(async (tx): Promise<Result> => {
    const grants = await tx.roleGrant.findMany({
      where: { communityId, role: "organiser" },
      select: { id: true, userId: true },
    });
    const theirs = grants.filter((g) => g.userId === userId);
    if (theirs.length === 0) return refuse("organisers", "admin.error.notFound");
    if (grants.every((g) => g.userId === userId))
      return refuse("organisers", "admin.error.lastOrganiser");
    await tx.roleGrant.deleteMany({ where: { id: { in: theirs.map((g) => g.id) } } });
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "organiser.remove",
      targetType: "user",
      targetId: userId,
    });
    return { ok: true };
  });
  // Their open editor connections are re-checked now, not at the next sweep.
  if (result.ok) announceAccessChange({ kind: "user", userId });
  return result;
}
