// Community pages: the public overview and one community's page (read side).
import { db } from "~/utils/db.server";

export async function listPublishedCommunities(now = new Date()) {
  const communities = await db.community.findMany({
    where: { publishedAt: { not: null } },
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      tagline: true,
      meetings: { orderBy: { number: "asc" }, select: { startsAt: true, status: true } },
    },
  });
  return communities.map(({ meetings, ...c }) => ({
    ...c,
    meetingCount: meetings.length,
    nextMeetingAt:
      meetings.find((m) => m.status === "scheduled" && m.startsAt > now)?.startsAt ?? null,
  }));
}

export async function getCommunityPage(slug: string) {
  return db.community.findUnique({
    where: { slug },
    include: {
      partners: { orderBy: { position: "asc" } },
      themes: {
        orderBy: { position: "asc" },
        include: {
          roleGrants: {
            where: { role: "facilitator" },
            select: { user: { select: { name: true } } },
          },
        },
      },
      meetings: {
        orderBy: { number: "asc" },
        include: { agendaItems: { orderBy: [{ part: "asc" }, { position: "asc" }] } },
      },
    },
  });
}

/** The subgroup the user belongs to in this community, if any. */
export async function getOwnSubgroup(communityId: string, userId: string) {
  const membership = await db.subgroupMembership.findFirst({
    where: { userId, subgroup: { theme: { communityId } } },
    select: { subgroup: { select: { id: true, name: true } } },
  });
  return membership?.subgroup ?? null;
}

/** Places left per theme with a capacity, and whether the community as a whole is full. */
export async function getPlaces(communityId: string) {
  const [community, themes, taken] = await Promise.all([
    db.community.findUniqueOrThrow({ where: { id: communityId }, select: { capacity: true } }),
    db.theme.findMany({ where: { communityId }, select: { id: true, capacity: true } }),
    db.registration.groupBy({
      by: ["themeId"],
      where: { communityId, status: "registered" },
      _count: { _all: true },
    }),
  ]);
  const count = (themeId: string | null) =>
    taken.find((row) => row.themeId === themeId)?._count._all ?? 0;
  const total = taken.reduce((sum, row) => sum + row._count._all, 0);
  const themesLeft = new Map<string, number>();
  for (const theme of themes)
    if (theme.capacity !== null)
      themesLeft.set(theme.id, Math.max(0, theme.capacity - count(theme.id)));
  return {
    taken: total,
    capacity: community.capacity,
    communityFull: community.capacity !== null && total >= community.capacity,
    themesLeft,
  };
}
