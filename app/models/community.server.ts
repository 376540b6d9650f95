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

export async function getRegistration(communityId: string, userId: string) {
  return db.registration.findUnique({
    where: { communityId_userId: { communityId, userId } },
    select: { status: true, plenaryOnly: true, theme: { select: { name: true } } },
  });
}
