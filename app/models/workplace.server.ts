// "Mijn werkplaats": a signed-in person's registrations, subgroups, roles and next meetings.
import { db } from "~/utils/db.server";

export async function getMyWorkplace(userId: string, now = new Date()) {
  const [registrations, memberships, grants] = await Promise.all([
    db.registration.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        status: true,
        waitlistedAt: true,
        plenaryOnly: true,
        organisation: true,
        function: true,
        theme: { select: { id: true, name: true } },
        community: {
          select: {
            id: true,
            slug: true,
            name: true,
            meetings: {
              where: { status: "scheduled", endsAt: { gt: now } },
              orderBy: { startsAt: "asc" },
              take: 1,
              select: {
                number: true,
                startsAt: true,
                endsAt: true,
                timeZone: true,
                mode: true,
                onlineUrl: true,
                venueName: true,
              },
            },
          },
        },
      },
    }),
    db.subgroupMembership.findMany({
      where: { userId },
      select: { themeId: true, subgroup: { select: { id: true, name: true } } },
    }),
    db.roleGrant.findMany({
      where: { userId },
      select: {
        role: true,
        community: { select: { slug: true, name: true } },
        theme: {
          select: {
            name: true,
            subgroups: { orderBy: { position: "asc" }, select: { id: true, name: true } },
          },
        },
        subgroup: { select: { id: true, name: true } },
      },
    }),
  ]);
  return {
    registrations: registrations.map((r) => ({
      ...r,
      subgroup: memberships.find((m) => r.theme && m.themeId === r.theme.id)?.subgroup ?? null,
      nextMeeting: r.status === "withdrawn" ? null : (r.community.meetings[0] ?? null),
    })),
    grants,
  };
}
