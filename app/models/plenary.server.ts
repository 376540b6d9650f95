// The plenary page of a meeting: the current publications of all subgroups grouped by theme
// (theme order, then subgroup order), the meeting's plenary agenda and the questions planned
// for it, and what the organiser put "on screen" (one outcome or one question at a time).
// Pages follow it live through the community's event stream ("plenary", "screen", "questions").
import type { OnScreenKind } from "~/lib/domain";
import { agendaQuestions } from "~/models/question.server";
import { db } from "~/utils/db.server";
import { announceCommunityEvent } from "~/utils/live-events.server";

/** Name and slug of the community, for page headings and links. */
export function communityHeading(communityId: string) {
  return db.community.findUniqueOrThrow({
    where: { id: communityId },
    select: { id: true, slug: true, name: true },
  });
}

/** The meetings of a community, for links to their plenary pages. */
export function plenaryMeetings(communityId: string) {
  return db.meeting.findMany({
    where: { communityId },
    orderBy: { number: "asc" },
    select: { id: true, number: true, title: true, startsAt: true, status: true },
  });
}

/** The meeting with this number in the community, or null. */
export function findMeeting(communityId: string, number: number) {
  return db.meeting.findUnique({
    where: { communityId_number: { communityId, number } },
    select: {
      id: true,
      number: true,
      title: true,
      startsAt: true,
      endsAt: true,
      timeZone: true,
      status: true,
      onScreenKind: true,
      onScreenId: true,
      onScreenAt: true,
    },
  });
}

/**
 * The current publication (highest number) of every outcome in the community that was ever
 * published, grouped by theme in theme order; subgroups in their order.
 */
export async function publishedOutcomes(communityId: string) {
  const themes = await db.theme.findMany({
    where: { communityId },
    orderBy: { position: "asc" },
    select: {
      id: true,
      name: true,
      subgroups: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          name: true,
          outcome: {
            select: {
              id: true,
              publications: {
                orderBy: { number: "desc" },
                take: 1,
                select: {
                  number: true,
                  title: true,
                  type: true,
                  html: true,
                  publishedAt: true,
                  publishedBy: { select: { name: true } },
                },
              },
            },
          },
        },
      },
    },
  });
  return themes
    .map((theme) => ({
      id: theme.id,
      name: theme.name,
      outcomes: theme.subgroups.flatMap((subgroup) => {
        const publication = subgroup.outcome?.publications[0];
        if (!subgroup.outcome || !publication) return [];
        return [
          {
            outcomeId: subgroup.outcome.id,
            subgroupId: subgroup.id,
            subgroupName: subgroup.name,
            themeName: theme.name,
            number: publication.number,
            title: publication.title,
            type: publication.type,
            html: publication.html,
            publishedAt: publication.publishedAt,
            publishedBy: publication.publishedBy?.name ?? null,
          },
        ];
      }),
    }))
    .filter((theme) => theme.outcomes.length > 0);
}
export type PublishedOutcome = Awaited<
  ReturnType<typeof publishedOutcomes>
>[number]["outcomes"][number];

/** Everything the plenary page of meeting `number` shows, or null when there is no such meeting. */
export async function getPlenaryPage(communityId: string, number: number, userId: string | null) {
  const meeting = await findMeeting(communityId, number);
  if (!meeting) return null;
  const [themes, agenda, questions] = await Promise.all([
    publishedOutcomes(communityId),
    db.agendaItem.findMany({
      where: { meetingId: meeting.id, part: "plenary" },
      orderBy: { position: "asc" },
      select: { id: true, title: true, description: true, startTime: true },
    }),
    agendaQuestions(meeting.id, userId),
  ]);
  const onScreen = await resolveOnScreen(communityId, meeting, themes, questions);
  return { meeting, themes, agenda, questions, onScreen };
}

type OnScreen =
  | { kind: "outcome"; at: Date; outcome: PublishedOutcome }
  | {
      kind: "question";
      at: Date;
      question: {
        id: string;
        text: string;
        votes: number;
        status: string;
        answer: string | null;
        theme: string | null;
        subgroup: string | null;
      };
    };

async function resolveOnScreen(
  communityId: string,
  meeting: { onScreenKind: string | null; onScreenId: string | null; onScreenAt: Date | null },
  themes: Awaited<ReturnType<typeof publishedOutcomes>>,
  planned: Awaited<ReturnType<typeof agendaQuestions>>,
): Promise<OnScreen | null> {
  const { onScreenKind: kind, onScreenId: id } = meeting;
  const at = meeting.onScreenAt ?? new Date(0);
  if (!kind || !id) return null;
  if (kind === "outcome") {
    const outcome = themes.flatMap((t) => t.outcomes).find((o) => o.outcomeId === id);
    return outcome ? { kind, at, outcome } : null;
  }
  if (kind !== "question") return null;
  const fromAgenda = planned.find((q) => q.id === id);
  const question =
    fromAgenda ??
    (await db.plenaryQuestion
      .findFirst({
        where: { id, communityId },
        select: {
          id: true,
          text: true,
          status: true,
          answer: true,
          theme: { select: { name: true } },
          subgroup: { select: { name: true } },
          _count: { select: { votes: true } },
        },
      })
      .then((q) =>
        q
          ? {
              ...q,
              theme: q.theme ? { name: q.theme.name } : null,
              votes: q._count.votes,
            }
          : null,
      ));
  if (!question) return null;
  return {
    kind,
    at,
    question: {
      id: question.id,
      text: question.text,
      votes: question.votes,
      status: question.status,
      answer: question.answer,
      theme: question.theme?.name ?? null,
      subgroup: question.subgroup?.name ?? null,
    },
  };
}

export type ScreenResult = { ok: true } | { ok: false; problem: "notFound" | "notPublished" };

/**
 * Puts one outcome (its current publication) or one question of the community on the screen of
 * meeting `meetingId`, or (`item` null) takes whatever is there off. Audited; announced live.
 */
export async function setOnScreen(
  communityId: string,
  meetingId: string,
  item: { kind: OnScreenKind; id: string } | null,
  actorId: string,
): Promise<ScreenResult> {
  const meeting = await db.meeting.findFirst({
    where: { id: meetingId, communityId },
    select: { id: true, onScreenKind: true, onScreenId: true },
  });
  if (!meeting) return { ok: false, problem: "notFound" };
  if (item?.kind === "outcome") {
    const publication = await db.outcomePublication.findFirst({
      where: { outcomeId: item.id, outcome: { subgroup: { theme: { communityId } } } },
      select: { id: true },
    });
    if (!publication) return { ok: false, problem: "notPublished" };
  } else if (item?.kind === "question") {
    const question = await db.plenaryQuestion.findFirst({
      where: { id: item.id, communityId, status: { not: "merged" } },
      select: { id: true },
    });
    if (!question) return { ok: false, problem: "notFound" };
  }
  await db.$transaction([
    db.meeting.update({
      where: { id: meetingId },
      data: {
        onScreenKind: item?.kind ?? null,
        onScreenId: item?.id ?? null,
        onScreenAt: item ? new Date() : null,
      },
    }),
    db.auditEvent.create({
      data: {
        actorId,
        communityId,
        action: item ? "plenary.onScreen" : "plenary.offScreen",
        targetType: "meeting",
        targetId: meetingId,
        data: JSON.stringify(
          item ?? { previous: { kind: meeting.onScreenKind, id: meeting.onScreenId } },
        ),
      },
    }),
  ]);
  announceCommunityEvent(communityId, "screen");
  return { ok: true };
}

/** Tells the plenary pages of the outcome's community that a publication appeared or changed. */
export async function announcePublication(outcomeId: string): Promise<void> {
  const outcome = await db.outcome.findUnique({
    where: { id: outcomeId },
    select: { subgroup: { select: { theme: { select: { communityId: true } } } } },
  });
  if (outcome) announceCommunityEvent(outcome.subgroup.theme.communityId, "plenary");
}
