import { Form, Link, useLoaderData } from "react-router";
import { PageTitle } from "~/components/form";
import { type MessageKey, useLocale, useT } from "~/i18n";
import { FUNCTIONS, REGISTRATION_STATUSES } from "~/lib/domain";
import { getPlaces } from "~/models/community.server";
import { authorize } from "~/models/permissions.server";
import { listRegistrations, readRegistrationFilter } from "~/models/registration.server";
import { db } from "~/utils/db.server";
import type { Route } from "./+types/communities.$slug_.manage.registrations";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const permission = await authorize({ request, context }, "registration.viewAll", {
    kind: "community",
    slug: params.slug,
  });
  const communityId = permission.communityId!;
  const filter = readRegistrationFilter(new URL(request.url).searchParams);
  const [community, registrations, places] = await Promise.all([
    db.community.findUniqueOrThrow({
      where: { id: communityId },
      select: {
        slug: true,
        name: true,
        themes: { orderBy: { position: "asc" }, select: { id: true, name: true, capacity: true } },
      },
    }),
    listRegistrations(communityId, filter),
    getPlaces(communityId),
  ]);
  return { community, registrations, filter, places };
}

export default function Registrations() {
  const t = useT();
  const locale = useLocale();
  const { community, registrations, filter, places } = useLoaderData<typeof loader>();
  const query = new URLSearchParams(
    Object.entries(filter).filter(([, v]) => v) as [string, string][],
  ).toString();
  const date = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "nl-NL", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  });
  return (
    <section aria-labelledby="registrations-title">
      <PageTitle>{`${t("registrations.title")} · ${community.name}`}</PageTitle>
      <h1 id="registrations-title">{t("registrations.title")}</h1>
      <p>
        {t("registrations.intro", { community: community.name })}{" "}
        {places.capacity !== null
          ? t("registrations.places", { taken: places.taken, capacity: places.capacity })
          : t("registrations.placesUnlimited", { taken: places.taken })}
      </p>
      <Form method="get" className="filter-form" aria-label={t("registrations.filter")}>
        <div className="field">
          <label htmlFor="filter-status">{t("registrations.filterStatus")}</label>
          <select id="filter-status" name="status" defaultValue={filter.status ?? ""}>
            <option value="">{t("registrations.all")}</option>
            {REGISTRATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`me.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-theme">{t("registrations.filterTheme")}</label>
          <select id="filter-theme" name="themeId" defaultValue={filter.themeId ?? ""}>
            <option value="">{t("registrations.all")}</option>
            {community.themes.map((th) => (
              <option key={th.id} value={th.id}>
                {th.name}
              </option>
            ))}
            <option value="plenary">{t("register.plenaryOnly")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-function">{t("registrations.filterFunction")}</label>
          <select id="filter-function" name="function" defaultValue={filter.function ?? ""}>
            <option value="">{t("registrations.all")}</option>
            {FUNCTIONS.map((f) => (
              <option key={f} value={f}>
                {t(`register.function.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-q">{t("registrations.filterSearch")}</label>
          <input id="filter-q" name="q" type="search" defaultValue={filter.q ?? ""} />
        </div>
        <button type="submit" className="button secondary">
          {t("registrations.apply")}
        </button>
      </Form>
      <p>
        <a
          className="button secondary"
          href={`/communities/${community.slug}/manage/registrations.csv${query ? `?${query}` : ""}`}
          download
        >
          {t("registrations.export")}
        </a>
      </p>
      <p role="status">{t("registrations.count", { count: registrations.length })}</p>
      {registrations.length === 0 ? (
        <p>{t("registrations.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t("registrations.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("registrations.name")}</th>
                <th scope="col">{t("registrations.organisation")}</th>
                <th scope="col">{t("registrations.function")}</th>
                <th scope="col">{t("registrations.choice")}</th>
                <th scope="col">{t("registrations.status")}</th>
                <th scope="col">{t("registrations.subgroup")}</th>
                <th scope="col">{t("registrations.registeredAt")}</th>
              </tr>
            </thead>
            <tbody>
              {registrations.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {r.name}
                    <br />
                    <a className="meta" href={`mailto:${r.email}`}>
                      {r.email}
                    </a>
                  </th>
                  <td>{r.organisation}</td>
                  <td>{t(`register.function.${r.function}` as MessageKey)}</td>
                  <td>{r.theme ?? t("register.plenaryOnly")}</td>
                  <td>
                    {t(`me.status.${r.status}` as MessageKey)}
                    {r.position
                      ? ` (${t("registrations.position", { position: r.position })})`
                      : null}
                  </td>
                  <td>{r.subgroup ?? "—"}</td>
                  <td>{date.format(new Date(r.createdAt))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <Link to={`/communities/${community.slug}`}>{community.name}</Link>
      </p>
    </section>
  );
}
