import { data, Form, Link, useActionData, useLoaderData } from "react-router";
import { PageTitle } from "~/components/form";
import { NotificationsSection } from "~/components/notifications-list";
import { type MessageKey, useLocale, useT } from "~/i18n";
import { formatLongDate, formatTimeRange } from "~/lib/dates";
import { createCalendarToken, hasCalendarToken } from "~/models/calendar.server";
import { listNotifications, markNotificationsRead } from "~/models/notification.server";
import { authorize, checkPermission } from "~/models/permissions.server";
import { plenaryMeetings } from "~/models/plenary.server";
import { waitlistPosition } from "~/models/registration.server";
import { getMyWorkplace } from "~/models/workplace.server";
import commentStyles from "~/styles/comments.css?url";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { mailOrigin, readFormData } from "~/utils/request.server";
import type { Route } from "./+types/me";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: commentStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = getUser(context);
  await authorize({ request, context }, "account.view", { kind: "site" });
  // requirePermission redirects anonymous visitors, so the user is known here.
  const me = user!;
  const workplace = await getMyWorkplace(me.id);
  // The online link only for those the permissions module lets see it (not the waitlisted).
  const registrations = await Promise.all(
    workplace.registrations.map(async (r) => {
      const link = await checkPermission(me.id, "meeting.viewOnlineLink", {
        kind: "community",
        id: r.community.id,
      });
      return r.nextMeeting && !link.allowed
        ? { ...r, nextMeeting: { ...r.nextMeeting, onlineUrl: null } }
        : r;
    }),
  );
  const withPositions = await Promise.all(
    registrations.map(async (r) => ({
      ...r,
      // Registered people follow the plenary of every meeting (plenary-only people included).
      plenary:
        r.status === "registered"
          ? (await plenaryMeetings(r.community.id)).map((m) => m.number)
          : [],
      position:
        r.status === "waitlisted"
          ? await waitlistPosition(db, {
              communityId: r.community.id,
              themeId: r.theme?.id ?? null,
              waitlistedAt: r.waitlistedAt,
            })
          : null,
    })),
  );
  return {
    name: me.name,
    registrations: withPositions,
    grants: workplace.grants,
    hasCalendarLink: await hasCalendarToken(me.id),
    notifications: await listNotifications(me.id),
  };
}

/**
 * Marks notifications read (one, or all; only one's own), or makes a (new) secret calendar feed
 * address, which is shown once.
 */
export async function action({ request, context }: Route.ActionArgs) {
  await authorize({ request, context }, "account.view", { kind: "site" });
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "markRead" || intent === "markAllRead") {
    const id = form.get("notificationId");
    const ids = intent === "markRead" ? [typeof id === "string" ? id.slice(0, 64) : ""] : undefined;
    const marked = await markNotificationsRead(context.session!.user.id, ids);
    return { marked };
  }
  // Anything else (a broken post) must not silently replace the person's feed link.
  if (intent !== "calendarLink") throw data({ error: "invalid" }, { status: 400 });
  const token = await createCalendarToken(context.session!.user.id);
  return { calendarUrl: `${mailOrigin(request)}/feeds/${token}/werkplaats.ics` };
}

export default function MyWorkplace() {
  const t = useT();
  const locale = useLocale();
  const { name, registrations, grants, hasCalendarLink, notifications } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const created = actionData?.calendarUrl ? { calendarUrl: actionData.calendarUrl } : null;
  return (
    <>
      <PageTitle>{t("me.title")}</PageTitle>
      <h1>{t("me.title")}</h1>
      <p className="lead">{t("me.welcome", { name })}</p>

      <NotificationsSection
        notifications={notifications}
        marked={typeof actionData?.marked === "number" ? { marked: actionData.marked } : null}
      />

      <section aria-labelledby="registrations-title">
        <h2 id="registrations-title">{t("me.registrations")}</h2>
        {registrations.length === 0 ? (
          <p>
            {t("me.noRegistrations")} <Link to="/">{t("me.findCommunity")}</Link>
          </p>
        ) : (
          <ul className="card-list">
            {registrations.map((r) => (
              <li key={r.id} className="card">
                <h3>
                  <Link to={`/communities/${r.community.slug}`}>{r.community.name}</Link>
                </h3>
                <dl className="facts">
                  <dt>{t("me.theme")}</dt>
                  <dd>{r.plenaryOnly || !r.theme ? t("me.plenaryOnly") : r.theme.name}</dd>
                  <dt>{t("me.status")}</dt>
                  <dd>
                    {t(`me.status.${r.status}` as MessageKey)}
                    {r.position
                      ? ` (${t("registrations.position", { position: r.position })})`
                      : null}
                  </dd>
                  {!r.plenaryOnly ? (
                    <>
                      <dt>{t("me.subgroup")}</dt>
                      <dd>
                        {r.subgroup ? (
                          <Link to={`/subgroups/${r.subgroup.id}`}>
                            {t("me.openSubgroup", { name: r.subgroup.name })}
                          </Link>
                        ) : (
                          t("me.noSubgroup")
                        )}
                      </dd>
                    </>
                  ) : null}
                  {r.plenary.length > 0 ? (
                    <>
                      <dt>{t("plenary.linksTitle")}</dt>
                      <dd>
                        <ul className="plain">
                          {r.plenary.map((number) => (
                            <li key={number}>
                              <Link to={`/communities/${r.community.slug}/plenary/${number}`}>
                                {t("plenary.meetingLink", { number })}
                              </Link>
                            </li>
                          ))}
                          <li>
                            <Link to={`/communities/${r.community.slug}/questions`}>
                              {t("questions.title")}
                            </Link>
                          </li>
                        </ul>
                      </dd>
                    </>
                  ) : null}
                  <dt>{t("me.nextMeeting")}</dt>
                  <dd>
                    {r.nextMeeting ? (
                      <>
                        {formatLongDate(
                          new Date(r.nextMeeting.startsAt),
                          locale,
                          r.nextMeeting.timeZone,
                        )}
                        ,{" "}
                        {formatTimeRange(
                          new Date(r.nextMeeting.startsAt),
                          new Date(r.nextMeeting.endsAt),
                          locale,
                          r.nextMeeting.timeZone,
                        )}
                        {r.nextMeeting.onlineUrl ? (
                          <>
                            {" · "}
                            <a href={r.nextMeeting.onlineUrl}>{t("community.onlineLink")}</a>
                          </>
                        ) : null}
                      </>
                    ) : (
                      t("me.noNextMeeting")
                    )}
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>

      {grants.length > 0 ? (
        <section aria-labelledby="roles-title">
          <h2 id="roles-title">{t("me.roles")}</h2>
          <ul className="card-list">
            {grants.map((g, i) => (
              <li key={i} className="card">
                <p>
                  {g.role === "organiser"
                    ? t("me.roleOrganiser", { community: g.community.name })
                    : t("me.roleFacilitatorTheme", {
                        theme: g.theme?.name ?? g.subgroup?.name ?? "",
                        community: g.community.name,
                      })}
                </p>
                {g.role === "facilitator" ? (
                  <>
                    <h3 className="small-heading">{t("me.facilitatedSubgroups")}</h3>
                    <ul className="plain">
                      {(g.theme?.subgroups ?? (g.subgroup ? [g.subgroup] : [])).map((s) => (
                        <li key={s.id}>
                          <Link to={`/subgroups/${s.id}`}>{s.name}</Link>
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="calendar-title">
        <h2 id="calendar-title">{t("calendar.personalTitle")}</h2>
        <p>{t("calendar.personalIntro")}</p>
        {created?.calendarUrl ? (
          <div className="notice" role="status">
            <p>{t("calendar.personalNew")}</p>
            <label htmlFor="calendar-url">{t("calendar.personalLabel")}</label>
            <input
              id="calendar-url"
              className="copy-field"
              readOnly
              value={created.calendarUrl}
              onFocus={(event) => event.currentTarget.select()}
            />
          </div>
        ) : hasCalendarLink ? (
          <p className="meta">{t("calendar.personalExists")}</p>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="calendarLink" />
          <button type="submit" className="button secondary">
            {hasCalendarLink || created
              ? t("calendar.personalRenew")
              : t("calendar.personalCreate")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="data-title">
        <h2 id="data-title">{t("account.dataTitle")}</h2>
        <p>{t("account.dataIntro")}</p>
        <p>
          <a href="/me/data.json" download>
            {t("account.download")}
          </a>
        </p>
        <h3 className="small-heading">{t("account.deleteTitle")}</h3>
        <p>
          <Link to="/me/delete">{t("account.deleteTitle")}</Link>
        </p>
      </section>
    </>
  );
}
