// Registration ("aanmelding") for a community: one theme or the plenary part only, places per
// theme and per community, a waitlist in order of arrival, withdrawal with promotion of the first
// person who now fits, and a change of theme until the theme's subgroups are formed.
//
// Every decision about places runs in one transaction that first takes the community's lock
// (PostgreSQL: an advisory lock; SQLite: its single writer), so two people can never both get
// the last place, and the mails that follow are queued in the same transaction.
import { type Locale, translator } from "~/i18n";
import { resolveDatabase } from "~/lib/database-url";
import { formatLongDate, formatTimeRange } from "~/lib/dates";
import { FUNCTIONS, type ParticipantFunction, REGISTRATION_STATUSES } from "~/lib/domain";
import { db, type Prisma } from "~/utils/db.server";
import { announceAccessChange } from "~/utils/live-events.server";
import { communityCalendar } from "./calendar.server";
import { queueEmail } from "./email-queue.server";

type Tx = Prisma.TransactionClient;

export type RegistrationChoice = { themeId: string | null };
export type RegistrationInput = RegistrationChoice & {
  organisation: string;
  function: ParticipantFunction;
};

export type RegistrationError =
  | "closed"
  | "full"
  | "notFound"
  | "unknownTheme"
  | "alreadyRegistered"
  | "notRegistered"
  | "subgroupsFormed"
  | "themeFull"
  | "sameChoice";

export class RegistrationRefused extends Error {
  constructor(readonly reason: RegistrationError) {
    super(reason);
  }
}

/** Runs `fn` in a transaction holding the community's registration lock. */
async function withCommunityLock<T>(communityId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const postgres = resolveDatabase().provider === "postgresql";
  return db.$transaction(
    async (tx) => {
      if (postgres)
        await tx.$executeRawUnsafe(
          "SELECT pg_advisory_xact_lock(hashtext($1))",
          `registration:${communityId}`,
        );
      return fn(tx);
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}

type Places = {
  community: { capacity: number | null; taken: number };
  themes: Map<string, { capacity: number | null; taken: number }>;
};

async function countPlaces(tx: Tx, communityId: string): Promise<Places> {
  const [community, themes, taken] = await Promise.all([
    tx.community.findUniqueOrThrow({ where: { id: communityId }, select: { capacity: true } }),
    tx.theme.findMany({ where: { communityId }, select: { id: true, capacity: true } }),
    tx.registration.groupBy({
      by: ["themeId"],
      where: { communityId, status: "registered" },
      _count: { _all: true },
    }),
  ]);
  const byTheme = new Map(themes.map((t) => [t.id, { capacity: t.capacity, taken: 0 }]));
  let total = 0;
  for (const row of taken) {
    total += row._count._all;
    const theme = row.themeId ? byTheme.get(row.themeId) : undefined;
    if (theme) theme.taken = row._count._all;
  }
  return { community: { capacity: community.capacity, taken: total }, themes: byTheme };
}

function fits(places: Places, themeId: string | null): boolean {
  const { community } = places;
  if (community.capacity !== null && community.taken >= community.capacity) return false;
  if (!themeId) return true;
  const theme = places.themes.get(themeId);
  return !theme || theme.capacity === null || theme.taken < theme.capacity;
}

function take(places: Places, themeId: string | null) {
  places.community.taken++;
  const theme = themeId ? places.themes.get(themeId) : undefined;
  if (theme) theme.taken++;
}

/**
 * The waitlist position (1 = next): people waiting longer for the same kind of place. When the
 * community itself is full everybody waits in one line; otherwise the line is per theme.
 */
export async function waitlistPosition(
  client: Tx | typeof db,
  registration: { communityId: string; themeId: string | null; waitlistedAt: Date | null },
): Promise<number> {
  const community = await client.community.findUniqueOrThrow({
    where: { id: registration.communityId },
    select: { capacity: true },
  });
  const registered = await client.registration.count({
    where: { communityId: registration.communityId, status: "registered" },
  });
  const communityFull = community.capacity !== null && registered >= community.capacity;
  const ahead = await client.registration.count({
    where: {
      communityId: registration.communityId,
      status: "waitlisted",
      waitlistedAt: { lt: registration.waitlistedAt ?? new Date() },
      ...(communityFull ? {} : { themeId: registration.themeId }),
    },
  });
  return ahead + 1;
}

type Origin = { origin: string };

export async function register(
  userId: string,
  communityId: string,
  input: RegistrationInput,
  { origin }: Origin,
  now = new Date(),
): Promise<{ status: "registered" | "waitlisted"; position?: number }> {
  const result = await withCommunityLock(communityId, async (tx) => {
    const community = await tx.community.findUnique({
      where: { id: communityId },
      select: { registrationStatus: true },
    });
    if (!community) throw new RegistrationRefused("notFound");
    if (community.registrationStatus === "full") throw new RegistrationRefused("full");
    if (community.registrationStatus !== "open") throw new RegistrationRefused("closed");
    if (input.themeId) {
      const theme = await tx.theme.findFirst({ where: { id: input.themeId, communityId } });
      if (!theme) throw new RegistrationRefused("unknownTheme");
    }
    const existing = await tx.registration.findUnique({
      where: { communityId_userId: { communityId, userId } },
      select: { status: true },
    });
    if (existing && existing.status !== "withdrawn")
      throw new RegistrationRefused("alreadyRegistered");

    const places = await countPlaces(tx, communityId);
    // Free places go to waiting people at once (promoteWaitlist), so anyone still waiting does not
    // fit; someone waiting for this very theme still goes first, should a place have opened
    // without a promotion (an organiser raised the capacity).
    const waiting = await tx.registration.count({
      where: { communityId, status: "waitlisted", themeId: input.themeId },
    });
    const status = fits(places, input.themeId) && waiting === 0 ? "registered" : "waitlisted";
    const waitlistedAt = status === "waitlisted" ? await nextWaitlistTime(tx, communityId) : null;
    const data = {
      themeId: input.themeId,
      plenaryOnly: input.themeId === null,
      organisation: input.organisation,
      function: input.function,
      status,
      consentAt: now,
      waitlistedAt,
      withdrawnAt: null,
    };
    const registration = await tx.registration.upsert({
      where: { communityId_userId: { communityId, userId } },
      create: { communityId, userId, ...data },
      update: data,
    });
    await tx.auditEvent.create({
      data: {
        actorId: userId,
        communityId,
        action: status === "registered" ? "registration.create" : "registration.waitlist",
        targetType: "registration",
        targetId: registration.id,
        data: JSON.stringify({ themeId: input.themeId }),
      },
    });
    const position = status === "waitlisted" ? await waitlistPosition(tx, registration) : undefined;
    await queueRegistrationMail(
      tx,
      registration.id,
      status === "registered" ? "confirmed" : "waitlisted",
      {
        origin,
        position,
      },
    );
    return { status, position } as const;
  });
  return result;
}

/**
 * The waitlist moment for a new arrival: now, taken under the community lock and strictly after
 * everyone already waiting, so the line has one order even for arrivals in the same millisecond.
 */
async function nextWaitlistTime(tx: Tx, communityId: string): Promise<Date> {
  const last = await tx.registration.findFirst({
    where: { communityId, status: "waitlisted" },
    orderBy: { waitlistedAt: "desc" },
    select: { waitlistedAt: true },
  });
  const now = Date.now();
  const after = (last?.waitlistedAt?.getTime() ?? 0) + 1;
  return new Date(Math.max(now, after));
}

/** Withdraws; the places freed go to the first people on the waitlist who now fit. */
export async function withdraw(
  userId: string,
  communityId: string,
  { origin }: Origin,
  now = new Date(),
): Promise<{ promoted: string[] }> {
  const { promoted, leftSubgroup } = await withCommunityLock(communityId, async (tx) => {
    const registration = await tx.registration.findUnique({
      where: { communityId_userId: { communityId, userId } },
    });
    if (!registration || registration.status === "withdrawn")
      throw new RegistrationRefused("notRegistered");
    await tx.registration.update({
      where: { id: registration.id },
      data: { status: "withdrawn", withdrawnAt: now, waitlistedAt: null },
    });
    // Leaving the community means leaving its subgroups (their documents keep the text written).
    const { count: leftSubgroup } = await tx.subgroupMembership.deleteMany({
      where: { userId, subgroup: { theme: { communityId } } },
    });
    await tx.auditEvent.create({
      data: {
        actorId: userId,
        communityId,
        action: "registration.withdraw",
        targetType: "registration",
        targetId: registration.id,
        data: JSON.stringify({ previousStatus: registration.status, leftSubgroup }),
      },
    });
    return { promoted: await promoteWaitlist(tx, communityId, { origin }, now), leftSubgroup };
  });
  if (leftSubgroup > 0) announceAccessChange({ kind: "user", userId });
  return { promoted };
}

/** Changes the theme (or to/from plenary only) while the subgroups are not formed yet. */
export async function changeTheme(
  userId: string,
  communityId: string,
  choice: RegistrationChoice,
  { origin }: Origin,
  now = new Date(),
): Promise<{ status: "registered" | "waitlisted" }> {
  return withCommunityLock(communityId, async (tx) => {
    const registration = await tx.registration.findUnique({
      where: { communityId_userId: { communityId, userId } },
      include: { theme: { select: { subgroupsFormedAt: true } } },
    });
    if (!registration || registration.status === "withdrawn")
      throw new RegistrationRefused("notRegistered");
    if (registration.themeId === choice.themeId) throw new RegistrationRefused("sameChoice");
    if (registration.theme?.subgroupsFormedAt) throw new RegistrationRefused("subgroupsFormed");
    if (choice.themeId) {
      const theme = await tx.theme.findFirst({
        where: { id: choice.themeId, communityId },
        select: { subgroupsFormedAt: true },
      });
      if (!theme) throw new RegistrationRefused("unknownTheme");
      if (theme.subgroupsFormedAt) throw new RegistrationRefused("subgroupsFormed");
    }
    const places = await countPlaces(tx, communityId);
    let status = registration.status as "registered" | "waitlisted";
    if (status === "registered") {
      // Your own place in the community stays yours; only the new theme must have room.
      const target = choice.themeId ? places.themes.get(choice.themeId) : undefined;
      if (target && target.capacity !== null && target.taken >= target.capacity)
        throw new RegistrationRefused("themeFull");
    } else if (fits(places, choice.themeId)) {
      status = "registered";
    }
    await tx.registration.update({
      where: { id: registration.id },
      data: {
        themeId: choice.themeId,
        plenaryOnly: choice.themeId === null,
        status,
        waitlistedAt: status === "waitlisted" ? registration.waitlistedAt : null,
      },
    });
    await tx.auditEvent.create({
      data: {
        actorId: userId,
        communityId,
        action: "registration.changeTheme",
        targetType: "registration",
        targetId: registration.id,
        data: JSON.stringify({ from: registration.themeId, to: choice.themeId, status }),
      },
    });
    if (registration.status === "waitlisted" && status === "registered")
      await queueRegistrationMail(tx, registration.id, "promoted", { origin });
    // A place in the old theme may have opened up for someone waiting.
    await promoteWaitlist(tx, communityId, { origin }, now);
    return { status };
  });
}

/**
 * Gives free places to waitlisted people in order of arrival (skipping those whose theme is
 * still full) and queues their mail. Call inside withCommunityLock. Returns promoted user ids.
 */
export async function promoteWaitlist(
  tx: Tx,
  communityId: string,
  { origin }: Origin,
  now = new Date(),
): Promise<string[]> {
  const community = await tx.community.findUniqueOrThrow({
    where: { id: communityId },
    select: { registrationStatus: true },
  });
  // A community closed by its organiser promotes nobody; "full" means the same.
  if (community.registrationStatus !== "open") return [];
  const waiting = await tx.registration.findMany({
    where: { communityId, status: "waitlisted" },
    orderBy: [{ waitlistedAt: "asc" }, { createdAt: "asc" }],
  });
  const places = await countPlaces(tx, communityId);
  const promoted: string[] = [];
  for (const registration of waiting) {
    if (!fits(places, registration.themeId)) continue;
    take(places, registration.themeId);
    await tx.registration.update({
      where: { id: registration.id },
      data: { status: "registered", waitlistedAt: null },
    });
    await tx.auditEvent.create({
      data: {
        communityId,
        action: "registration.promote",
        targetType: "registration",
        targetId: registration.id,
        data: JSON.stringify({ waitlistedAt: registration.waitlistedAt, at: now }),
      },
    });
    await queueRegistrationMail(tx, registration.id, "promoted", { origin });
    promoted.push(registration.userId);
  }
  return promoted;
}

/** For organisers after raising a capacity or reopening registration. */
export async function fillFreedPlaces(communityId: string, origin: Origin) {
  return withCommunityLock(communityId, (tx) => promoteWaitlist(tx, communityId, origin));
}

type MailKind = "confirmed" | "waitlisted" | "promoted";

async function queueRegistrationMail(
  tx: Tx,
  registrationId: string,
  kind: MailKind,
  options: { origin: string; position?: number },
) {
  const registration = await tx.registration.findUniqueOrThrow({
    where: { id: registrationId },
    select: {
      id: true,
      updatedAt: true,
      user: { select: { id: true, email: true, name: true, locale: true } },
      theme: { select: { name: true } },
      community: {
        select: {
          id: true,
          slug: true,
          name: true,
          meetings: {
            where: { status: "scheduled", endsAt: { gt: new Date() } },
            orderBy: { startsAt: "asc" },
            select: { number: true, startsAt: true, endsAt: true, timeZone: true },
          },
        },
      },
    },
  });
  const { user, community } = registration;
  const locale: Locale = user.locale === "en" ? "en" : "nl";
  const t = translator(locale);
  const choice = registration.theme
    ? t("mail.registration.theme", { theme: registration.theme.name })
    : t("mail.registration.plenary");
  const meetings = community.meetings
    .map(
      (m) =>
        `- ${t("community.meetingNumber", { number: m.number })}: ${formatLongDate(m.startsAt, locale, m.timeZone)}, ${formatTimeRange(m.startsAt, m.endsAt, locale, m.timeZone)}`,
    )
    .join("\n");
  const vars = {
    name: user.name,
    community: community.name,
    choice,
    meetings: meetings || t("mail.registration.noMeetings"),
    link: `${options.origin}/communities/${community.slug}`,
    me: `${options.origin}/me`,
    position: options.position ?? 0,
  };
  // Confirmations carry the calendar (with the online links, which registrants may see).
  const attachments =
    kind === "waitlisted"
      ? []
      : [
          {
            filename: `${community.slug}.ics`,
            contentType: "text/calendar; charset=utf-8; method=PUBLISH",
            content: await communityCalendar(community.id, user.id, {
              name: community.name,
              origin: options.origin,
              locale,
            }),
          },
        ];
  await queueEmail(tx, {
    kind:
      kind === "confirmed"
        ? "registration.confirmed"
        : kind === "waitlisted"
          ? "registration.waitlisted"
          : "waitlist.promoted",
    // One mail per state the registration reaches (a re-registration later is a new state).
    dedupeKey: `registration.${kind}:${registration.id}:${registration.updatedAt.getTime()}`,
    userId: user.id,
    to: user.email,
    subject: t(`mail.registration.${kind}.subject`, vars),
    text: t(`mail.registration.${kind}.body`, vars),
    attachments,
  });
}

/** Registrations of a community for the organiser's list and CSV. */
export type RegistrationFilter = {
  status?: string;
  themeId?: string;
  function?: string;
  q?: string;
};

export async function listRegistrations(communityId: string, filter: RegistrationFilter) {
  const q = filter.q?.trim();
  const rows = await db.registration.findMany({
    where: {
      communityId,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.themeId === "plenary"
        ? { plenaryOnly: true }
        : filter.themeId
          ? { themeId: filter.themeId }
          : {}),
      ...(filter.function ? { function: filter.function } : {}),
      ...(q
        ? {
            OR: [
              { organisation: { contains: q } },
              { user: { name: { contains: q } } },
              { user: { email: { contains: q.toLowerCase() } } },
            ],
          }
        : {}),
    },
    orderBy: [{ status: "asc" }, { waitlistedAt: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      status: true,
      plenaryOnly: true,
      organisation: true,
      function: true,
      createdAt: true,
      waitlistedAt: true,
      withdrawnAt: true,
      themeId: true,
      communityId: true,
      theme: { select: { name: true } },
      user: {
        select: {
          name: true,
          email: true,
          memberships: {
            where: { subgroup: { theme: { communityId } } },
            select: { subgroup: { select: { name: true } } },
          },
        },
      },
    },
  });
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      name: r.user.name,
      email: r.user.email,
      organisation: r.organisation,
      function: r.function,
      theme: r.theme?.name ?? null,
      plenaryOnly: r.plenaryOnly,
      status: r.status,
      subgroup: r.user.memberships[0]?.subgroup.name ?? null,
      createdAt: r.createdAt,
      withdrawnAt: r.withdrawnAt,
      position: r.status === "waitlisted" ? await waitlistPosition(db, r) : null,
    })),
  );
}

export async function getOwnRegistration(communityId: string, userId: string) {
  const registration = await db.registration.findUnique({
    where: { communityId_userId: { communityId, userId } },
    select: {
      status: true,
      plenaryOnly: true,
      themeId: true,
      communityId: true,
      waitlistedAt: true,
      organisation: true,
      function: true,
      theme: { select: { id: true, name: true, subgroupsFormedAt: true } },
    },
  });
  if (!registration) return null;
  return {
    ...registration,
    position:
      registration.status === "waitlisted" ? await waitlistPosition(db, registration) : null,
  };
}

/** The organiser's filter from the query string (unknown values are ignored). */
export function readRegistrationFilter(params: URLSearchParams): RegistrationFilter {
  const status = params.get("status") ?? "";
  const fn = params.get("function") ?? "";
  const themeId = params.get("themeId") ?? "";
  const q = (params.get("q") ?? "").slice(0, 100);
  return {
    ...((REGISTRATION_STATUSES as readonly string[]).includes(status) ? { status } : {}),
    ...((FUNCTIONS as readonly string[]).includes(fn) ? { function: fn } : {}),
    ...(/^[\w-]{1,40}$/.test(themeId) ? { themeId } : {}),
    ...(q.trim() ? { q: q.trim() } : {}),
  };
}
