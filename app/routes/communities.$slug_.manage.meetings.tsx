// Admin list of a community's meetings, and the form for a new one.
import { Link, redirect, useLoaderData } from "react-router";
import { AdminForm, StatusMessage, useFormResult } from "~/components/admin-form";
import { PageTitle } from "~/components/form";
import { MeetingFields } from "~/components/meeting-fields";
import { useLocale, useT } from "~/i18n";
import { formatLongDate, formatTimeRange, isoInstant } from "~/lib/dates";
import { parseForm } from "~/lib/forms";
import { meetingSchema } from "~/lib/forms-admin";
import { createMeeting, listMeetingsAdmin } from "~/models/meeting.server";
import { authorize } from "~/models/permissions.server";
import { failed, formValues, unknownIntent } from "~/utils/admin-action.server";
import { readFormData } from "~/utils/request.server";
import type { Route } from "./+types/communities.$slug_.manage.meetings";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const permission = await authorize({ request, context }, "community.manage", {
    kind: "community",
    slug: params.slug,
  });
  const meetings = await listMeetingsAdmin(permission.communityId!);
  return { slug: params.slug, meetings };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const permission = await authorize({ request, context }, "community.manage", {
    kind: "community",
    slug: params.slug,
  });
  const formData = await readFormData(request);
  if (formData.get("intent") !== "createMeeting") return unknownIntent();
  const parsed = parseForm(meetingSchema, formData);
  if (!parsed.ok) return failed("createMeeting", parsed.errors, parsed.values);
  const result = await createMeeting(
    context.session!.user.id,
    permission.communityId!,
    parsed.data,
  );
  if (!result.ok)
    return failed("createMeeting", { [result.field]: result.error }, formValues(formData));
  return redirect(`/communities/${params.slug}/manage/meetings/${result.number}?done=created`);
}

export default function ManageMeetings() {
  const t = useT();
  const locale = useLocale();
  const { slug, meetings } = useLoaderData<typeof loader>();
  const add = useFormResult("createMeeting");
  return (
    <>
      <PageTitle>{t("admin.meetings.title")}</PageTitle>
      <StatusMessage />
      <section aria-labelledby="meetings-title" className="admin-section">
        <h2 id="meetings-title">{t("admin.meetings.title")}</h2>
        {meetings.length === 0 ? <p>{t("admin.meetings.none")}</p> : null}
        <ol className="admin-list meeting-admin-list">
          {meetings.map((m) => {
            const startsAt = new Date(m.startsAt);
            return (
              <li key={m.id} className="admin-item">
                <h3 className="small-heading">
                  <Link to={`/communities/${slug}/manage/meetings/${m.number}`}>
                    {t("admin.meetings.number", { number: m.number })}
                    {m.title ? `: ${m.title}` : ""}
                  </Link>
                </h3>
                <p>
                  <time dateTime={isoInstant(startsAt)}>
                    {formatLongDate(startsAt, locale, m.timeZone)}
                  </time>
                  {", "}
                  {formatTimeRange(startsAt, new Date(m.endsAt), locale, m.timeZone)}
                  {" · "}
                  {m.mode === "online"
                    ? t("admin.mode.online")
                    : (m.venueName ?? t("admin.mode.venue"))}
                  {m.region ? ` · ${m.region}` : ""}
                </p>
                <p>
                  {m.status === "cancelled" ? (
                    <span className="status status-cancelled">{t("admin.meetings.cancelled")}</span>
                  ) : (
                    <span className="status status-scheduled">{t("admin.meetings.scheduled")}</span>
                  )}{" "}
                  <span className="meta">
                    {t("admin.meetings.agendaCount", { count: m._count.agendaItems })}
                  </span>
                </p>
              </li>
            );
          })}
        </ol>
      </section>
      <section aria-labelledby="new-meeting-title" className="admin-section">
        <h2 id="new-meeting-title">{t("admin.meetings.new")}</h2>
        <p>{t("admin.meetings.newIntro")}</p>
        <AdminForm intent="createMeeting" label={t("admin.meetings.new")}>
          <MeetingFields
            form="createMeeting"
            values={add.values ?? { mode: "online" }}
            errors={add.errors}
          />
          <button type="submit" className="button">
            {t("admin.meetings.create")}
          </button>
        </AdminForm>
      </section>
    </>
  );
}
