// The organiser admin of a community's themes: creating, editing, reordering and deleting them,
// and assigning their gespreksleiders (facilitator role grants). Every change writes an
// AuditEvent in the same transaction.
import type { ThemeInput } from "~/lib/forms-admin";
import { db } from "~/utils/db.server";
import { announceAccessChange } from "~/utils/live-events.server";
import {
  moveInList,
  type Refusal,
  type Result,
  slugify,
  writeAudit,
} from "./community-admin.server";

const refuse = (field: string, error: Refusal["error"]): Refusal => ({ ok: false, field, error });

/** Registrations that still hold a place (or a place on the waitlist). */
const ACTIVE = { in: ["registered", "waitlisted"] };

export async function listThemesAdmin(communityId: string) {
  const themes = await db.theme.findMany({
    where: { communityId },
    orderBy: { position: "asc" },
    include: {
      roleGrants: {
        where: { role: "facilitator" },
        orderBy: { createdAt: "asc" },
        select: { id: true, user: { select: { id: true, name: true, email: true } } },
      },
      _count: { select: { subgroups: true, registrations: { where: { status: ACTIVE } } } },
    },
  });
  return themes.map((t) => ({
    id: t.id,
    slug: t.slug,
    name: t.name,
    description: t.description,
    capacity: t.capacity,
    registrations: t._count.registrations,
    subgroups: t._count.subgroups,
    facilitators: t.roleGrants.map((g) => ({ grantId: g.id, ...g.user })),
  }));
}

async function uniqueThemeSlug(communityId: string, name: string): Promise<string | null> {
  const base = slugify(name) || "thema";
  const taken = new Set(
    (
      await db.theme.findMany({
        where: { communityId, slug: { startsWith: base } },
        select: { slug: true },
      })
    ).map((t) => t.slug),
  );
  for (let n = 1; n < 100; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(slug)) return slug;
  }
  return null;
}

async function nameTaken(communityId: string, name: string, exceptId?: string) {
  const themes = await db.theme.findMany({
    where: { communityId, NOT: exceptId ? { id: exceptId } : undefined },
    select: { name: true },
  });
  return themes.some((t) => t.name.toLocaleLowerCase("nl") === name.toLocaleLowerCase("nl"));
}

export async function createTheme(
  actorId: string,
  communityId: string,
  input: ThemeInput,
): Promise<Result> {
  if (await nameTaken(communityId, input.name)) return refuse("name", "admin.error.themeTaken");
  const slug = await uniqueThemeSlug(communityId, input.name);
  if (!slug) return refuse("name", "admin.error.themeTaken");
  await db.$transaction(async (tx) => {
    const last = await tx.theme.findFirst({
      where: { communityId },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    const theme = await tx.theme.create({
      data: { communityId, slug, ...input, position: (last?.position ?? -1) + 1 },
    });
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "theme.create",
      targetType: "theme",
      targetId: theme.id,
      data: { ...input, slug },
    });
  });
  return { ok: true };
}

/** Edits name, description and places; the slug (used in links) stays what it was. */
export async function updateTheme(
  actorId: string,
  communityId: string,
  themeId: string,
  input: ThemeInput,
): Promise<Result> {
  if (await nameTaken(communityId, input.name, themeId))
    return refuse("name", "admin.error.themeTaken");
  const done = await db.$transaction(async (tx) => {
    const { count } = await tx.theme.updateMany({
      where: { id: themeId, communityId },
      data: input,
    });
    if (count === 0) return false;
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "theme.update",
      targetType: "theme",
      targetId: themeId,
      data: { ...input },
    });
    return true;
  });
  return done ? { ok: true } : refuse("form", "admin.error.notFound");
}

/** Deletes a theme nobody is registered for and that has no subgroups yet. */
export async function deleteTheme(
  actorId: string,
  communityId: string,
  themeId: string,
): Promise<Result> {
  return db.$transaction(async (tx): Promise<Result> => {
    const theme = await tx.theme.findFirst({
      where: { id: themeId, communityId },
      include: {
        _count: { select: { subgroups: true, registrations: { where: { status: ACTIVE } } } },
      },
    });
    if (!theme) return refuse("form", "admin.error.notFound");
    if (theme._count.registrations > 0)
      return refuse("confirm", "admin.error.themeHasRegistrations");
    if (theme._count.subgroups > 0) return refuse("confirm", "admin.error.themeHasSubgroups");
    await tx.theme.delete({ where: { id: themeId } });
    // Close the gap in the order.
    const rest = await tx.theme.findMany({
      where: { communityId },
      orderBy: { position: "asc" },
      select: { id: true },
    });
    for (const [position, { id }] of rest.entries())
      await tx.theme.update({ where: { id }, data: { position } });
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "theme.delete",
      targetType: "theme",
      targetId: themeId,
      data: { name: theme.name, slug: theme.slug },
    });
    return { ok: true };
  });
}

export async function moveTheme(
  actorId: string,
  communityId: string,
  themeId: string,
  direction: "up" | "down",
): Promise<Result> {
  await db.$transaction(async (tx) => {
    const themes = await tx.theme.findMany({
      where: { communityId },
      orderBy: { position: "asc" },
      select: { id: true },
    });
    const order = moveInList(
      themes.map((t) => t.id),
      themeId,
      direction,
    );
    if (!order) return;
    for (const [position, id] of order.entries())
      await tx.theme.update({ where: { id }, data: { position } });
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "theme.move",
      targetType: "theme",
      targetId: themeId,
      data: { direction },
    });
  });
  return { ok: true };
}

/** Makes an existing account gespreksleider of a theme; an address without an account is refused. */
export async function addFacilitator(
  actorId: string,
  communityId: string,
  themeId: string,
  email: string,
): Promise<Result<{ name: string }>> {
  const theme = await db.theme.findFirst({
    where: { id: themeId, communityId },
    select: { id: true },
  });
  if (!theme) return refuse("form", "admin.error.notFound");
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true } });
  if (!user) return refuse("email", "admin.error.noAccount");
  const result = await db.$transaction(async (tx): Promise<Result<{ name: string }>> => {
    const existing = await tx.roleGrant.findFirst({
      where: { communityId, themeId, userId: user.id, role: "facilitator" },
      select: { id: true },
    });
    if (existing) return refuse("email", "admin.error.alreadyFacilitator");
    const grant = await tx.roleGrant.create({
      data: { userId: user.id, role: "facilitator", communityId, themeId, grantedById: actorId },
    });
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "facilitator.add",
      targetType: "roleGrant",
      targetId: grant.id,
      data: { userId: user.id, themeId },
    });
    return { ok: true, name: user.name };
  });
  // They may now open the theme's documents: let live connections re-check.
  if (result.ok) announceAccessChange({ kind: "user", userId: user.id });
  return result;
}

export async function removeFacilitator(
  actorId: string,
  communityId: string,
  grantId: string,
): Promise<Result> {
  const removed = await db.$transaction(async (tx) => {
    const grant = await tx.roleGrant.findFirst({
      where: { id: grantId, communityId, role: "facilitator" },
      select: { id: true, userId: true, themeId: true },
    });
    if (!grant) return null;
    await tx.roleGrant.delete({ where: { id: grant.id } });
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "facilitator.remove",
      targetType: "roleGrant",
      targetId: grant.id,
      data: { userId: grant.userId, themeId: grant.themeId },
    });
    return grant.userId;
  });
  if (!removed) return refuse("form", "admin.error.notFound");
  // Their open editor connections lose access now, not at the next sweep.
  announceAccessChange({ kind: "user", userId: removed });
  return { ok: true };
}
