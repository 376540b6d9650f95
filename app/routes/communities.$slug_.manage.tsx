// The organiser admin of one community: heading, the admin menu and the page below it.
// This loader guards only the layout itself; every child route authorizes on its own.
import { Link, NavLink, Outlet, useLoaderData } from "react-router";
import { useT } from "~/i18n";
import { getCommunityHeader } from "~/models/community-admin.server";
import { authorize } from "~/models/permissions.server";
import adminStyles from "~/styles/admin.css?url";
import type { Route } from "./+types/communities.$slug_.manage";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const permission = await authorize({ request, context }, "community.manage", {
    kind: "community",
    slug: params.slug,
  });
  const community = await getCommunityHeader(permission.communityId!);
  return { community: { ...community, published: community.publishedAt !== null } };
}

export default function ManageLayout() {
  const t = useT();
  const { community } = useLoaderData<typeof loader>();
  const base = `/communities/${community.slug}/manage`;
  const links = [
    { to: base, label: t("admin.nav.overview"), end: true },
    { to: `${base}/meetings`, label: t("admin.nav.meetings") },
    { to: `${base}/themes`, label: t("admin.nav.themes") },
    { to: `${base}/registrations`, label: t("admin.nav.registrations") },
    { to: `${base}/subgroups`, label: t("admin.nav.subgroups") },
    { to: `${base}/templates`, label: t("admin.nav.templates") },
    { to: `${base}/magazine`, label: t("magazine.nav") },
  ];
  return (
    <div className="admin">
      <header className="admin-header">
        <p className="meta">{t("admin.heading")}</p>
        <h1>{community.name}</h1>
        <p className="meta">
          {community.published ? t("admin.published") : t("admin.unpublished")}
          {" · "}
          <Link to={`/communities/${community.slug}`}>{t("admin.viewPublicPage")}</Link>
        </p>
      </header>
      <nav aria-label={t("admin.nav.label")} className="admin-nav">
        <ul>
          {links.map((l) => (
            <li key={l.to}>
              <NavLink to={l.to} end={l.end}>
                {l.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
