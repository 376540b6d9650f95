import { Link, useLoaderData } from "react-router";
import { PageTitle } from "~/components/form";
import { useLocale, useT } from "~/i18n";
import { formatLongDate } from "~/lib/dates";
import { listPublishedCommunities } from "~/models/community.server";
import { authorize } from "~/models/permissions.server";
import type { Route } from "./+types/_index";

export async function loader({ request, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  const deleted = new URL(request.url).searchParams.get("deleted") === "1";
  return { communities: await listPublishedCommunities(), deleted };
}

export default function Home() {
  const t = useT();
  const locale = useLocale();
  const { communities, deleted } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle>{t("home.title")}</PageTitle>
      {deleted ? (
        <p className="notice" role="status">
          {t("account.deleted")}
        </p>
      ) : null}
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>
      {communities.length === 0 ? (
        <p>{t("home.none")}</p>
      ) : (
        <ul className="card-list">
          {communities.map((c) => (
            <li key={c.id} className="card">
              <h2>
                <Link to={`/communities/${c.slug}`}>{c.name}</Link>
              </h2>
              <p>{c.tagline}</p>
              <p className="meta">
                {t("home.meetingsCount", { count: c.meetingCount })}
                {c.nextMeetingAt
                  ? ` · ${t("home.nextMeeting", { date: formatLongDate(new Date(c.nextMeetingAt), locale) })}`
                  : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
