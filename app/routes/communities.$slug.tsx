import { Link, useLoaderData } from "react-router";
import { PageTitle } from "~/components/form";
import { type MessageKey, useLocale, useT } from "~/i18n";
import { formatLongDate, formatTimeRange, isoInstant } from "~/lib/dates";
import { meetingDisplayStatus } from "~/lib/meeting-status";
import { getCommunityPage, getRegistration } from "~/models/community.server";
import { authorize, can } from "~/models/permissions.server";
import { getUser } from "~/utils/auth.server";
import type { Route } from "./+types/communities.$slug";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const user = getUser(context);
  const permission = await authorize({ request, context }, "community.view", {
    kind: "community",
    slug: params.slug,
  });
  const community = await getCommunityPage(params.slug);
  if (!community) throw new Response(null, { status: 404 });
  const showOnlineLink = can(permission.role, "meeting.viewOnlineLink", permission.conditions);
  const registration = user ? await getRegistration(community.id, user.id) : null;
  const now = new Date();
  return {
    signedIn: !!user,
    registration,
    community: {
      name: community.name,
      tagline: community.tagline,
      description: community.description,
      audience: community.audience,
      location: community.location,
      costs: community.costs,
      registrationStatus: community.registrationStatus,
      closedReason: community.closedReason,
      partners: community.partners.map((p) => ({ name: p.name, url: p.url })),
      themes: community.themes.map((th) => ({
        id: th.id,
        name: th.name,
        description: th.description,
        facilitators: th.roleGrants.map((g) => g.user.name),
      })),
      meetings: community.meetings.map((m) => ({
        id: m.id,
        number: m.number,
        title: m.title,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        timeZone: m.timeZone,
        mode: m.mode,
        venueName: m.venueName,
        venueAddress: m.venueAddress,
        onlineUrl: showOnlineLink && m.status === "scheduled" ? m.onlineUrl : null,
        status: meetingDisplayStatus(m, community, now),
        cancelReason: m.cancelReason,
        agenda: m.agendaItems.map((a) => ({
          id: a.id,
          part: a.part,
          title: a.title,
          startTime: a.startTime,
          description: a.description,
        })),
      })),
    },
  };
}

export default function CommunityPage() {
  const t = useT();
  const locale = useLocale();
  const { community, signedIn, registration } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="community-title">
      <PageTitle>{community.name}</PageTitle>
      <h1 id="community-title">{community.name}</h1>
      <p className="lead">{community.tagline}</p>
      {community.description.split(/\n\s*\n/).map((p, i) => (
        <p key={i}>{p}</p>
      ))}

      <RegisterCallout
        signedIn={signedIn}
        registration={registration}
        open={community.registrationStatus === "open"}
        closedReason={community.closedReason}
      />

      <section aria-labelledby="themes-title">
        <h2 id="themes-title">{t("community.themes")}</h2>
        <p>{t("community.themesIntro")}</p>
        <ul className="card-list">
          {community.themes.map((th) => (
            <li key={th.id} className="card">
              <h3>{th.name}</h3>
              <p>{th.description}</p>
              {th.facilitators.length > 0 ? (
                <p className="meta">
                  {t("community.facilitator", { name: th.facilitators.join(", ") })}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="meetings-title">
        <h2 id="meetings-title">{t("community.meetings")}</h2>
        <ol className="meeting-list">
          {community.meetings.map((m) => {
            const startsAt = new Date(m.startsAt);
            const endsAt = new Date(m.endsAt);
            return (
              <li key={m.id} className={`meeting meeting-${m.status}`}>
                <h3>
                  {t("community.meetingNumber", { number: m.number })}
                  {m.title ? `: ${m.title}` : null}
                </h3>
                <p className="meeting-when">
                  <time dateTime={isoInstant(startsAt)}>
                    {formatLongDate(startsAt, locale, m.timeZone)}
                  </time>
                  {", "}
                  {formatTimeRange(startsAt, endsAt, locale, m.timeZone)}
                </p>
                <p>
                  <span className={`status status-${m.status}`}>
                    {t(`community.status.${m.status}` as MessageKey)}
                  </span>{" "}
                  {m.mode === "online"
                    ? t("community.online")
                    : [m.venueName, m.venueAddress].filter(Boolean).join(", ")}
                </p>
                {m.status === "cancelled" && m.cancelReason ? (
                  <p>{t("community.cancelReason", { reason: m.cancelReason })}</p>
                ) : null}
                {m.mode === "online" && m.status !== "cancelled" && m.status !== "past" ? (
                  m.onlineUrl ? (
                    <p>
                      <a href={m.onlineUrl}>{t("community.onlineLink")}</a>
                    </p>
                  ) : (
                    <p className="meta">{t("community.onlineLinkHidden")}</p>
                  )
                ) : null}
                <Agenda
                  items={m.agenda.filter((a) => a.part === "plenary")}
                  title={t("community.agendaPlenary")}
                />
                <Agenda
                  items={m.agenda.filter((a) => a.part === "theme")}
                  title={t("community.agendaTheme")}
                />
              </li>
            );
          })}
        </ol>
      </section>

      <section aria-labelledby="practical-title">
        <h2 id="practical-title">{t("community.practical")}</h2>
        <dl className="facts">
          <dt>{t("community.audience")}</dt>
          <dd>{community.audience}</dd>
          <dt>{t("community.location")}</dt>
          <dd>{community.location}</dd>
          <dt>{t("community.when")}</dt>
          <dd>
            <ul className="plain">
              {community.meetings.map((m) => (
                <li key={m.id}>
                  {formatLongDate(new Date(m.startsAt), locale, m.timeZone)} |{" "}
                  {formatTimeRange(new Date(m.startsAt), new Date(m.endsAt), locale, m.timeZone)}
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t("community.costs")}</dt>
          <dd>{community.costs}</dd>
        </dl>
      </section>

      <section aria-labelledby="partners-title">
        <h2 id="partners-title">{t("community.partners")}</h2>
        <p>{t("community.partnersIntro")}</p>
        <ul className="partner-list">
          {community.partners.map((p) => (
            <li key={p.name}>{p.url ? <a href={p.url}>{p.name}</a> : p.name}</li>
          ))}
        </ul>
      </section>
    </article>
  );
}

function Agenda({
  items,
  title,
}: {
  items: { id: string; title: string; startTime: string | null; description: string | null }[];
  title: string;
}) {
  if (items.length === 0) return null;
  return (
    <div className="agenda">
      <h4>{title}</h4>
      <ul className="plain">
        {items.map((a) => (
          <li key={a.id}>
            {a.startTime ? <span className="agenda-time">{a.startTime}</span> : null} {a.title}
            {a.description ? <span className="meta"> · {a.description}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function RegisterCallout({
  signedIn,
  registration,
  open,
  closedReason,
}: {
  signedIn: boolean;
  registration: { status: string; plenaryOnly: boolean; theme: { name: string } | null } | null;
  open: boolean;
  closedReason: string | null;
}) {
  const t = useT();
  let body: React.ReactNode;
  if (registration && registration.status !== "withdrawn") {
    body = (
      <p>
        {registration.plenaryOnly || !registration.theme
          ? t("community.registeredPlenary")
          : t("community.registered", { theme: registration.theme.name })}
      </p>
    );
  } else if (!open) {
    body = <p>{closedReason ?? t("community.closed")}</p>;
  } else if (!signedIn) {
    body = (
      <p>
        {t("community.registerSignedOut")} <Link to="/signup">{t("layout.signup")}</Link> ·{" "}
        <Link to="/login">{t("layout.login")}</Link>
      </p>
    );
  } else {
    body = <p>{t("community.registrationSoon")}</p>;
  }
  return (
    <aside className="callout" aria-labelledby="register-title">
      <h2 id="register-title">{t("community.register")}</h2>
      {body}
    </aside>
  );
}
