// Admin of one meeting: its details, its agenda per part, cancelling (with a reason; registrants
// are e-mailed) and reinstating, and deleting one planned by mistake. The file name's
// "meetings_" keeps this page out of the meetings list's layout (URL …/manage/meetings/:number).
import { Link, redirect, useLoaderData, useSearchParams } from "react-router";
import {
  ActionButton,
  AdminForm,
  ConfirmBox,
  Field,
  formKey,
  MoveButtons,
  Select,
  StatusMessage,
  TextArea,
  useFormResult,
} from "~/components/admin-form";
import { PageTitle } from "~/components/form";
import { MeetingFields } from "~/components/meeting-fields";
import { type MessageKey, useLocale, useT } from "~/i18n";
import { formatLongDate, formatTimeRange } from "~/lib/dates";
import { AGENDA_PARTS } from "~/lib/domain";
import { parseForm } from "~/lib/forms";
import {
  agendaItemSchema,
  cancelMeetingSchema,
  deleteMeetingSchema,
  idSchema,
  meetingSchema,
  moveSchema,
} from "~/lib/forms-admin";
import type { Refusal } from "~/models/community-admin.server";
import {
  addAgendaItem,
  cancelMeeting,
  deleteAgendaItem,
  deleteMeeting,
  getMeetingAdmin,
  meetingFormValues,
  moveAgendaItem,
  reinstateMeeting,
  updateAgendaItem,
  updateMeeting,
} from "~/models/meeting.server";
import { authorize } from "~/models/permissions.server";
import { failed, formValues, succeeded, unknownIntent } from "~/utils/admin-action.server";
import { getEnv, isProduction } from "~/utils/env.server";
import { publicOrigin, readFormData } from "~/utils/request.server";
import type { Route } from "./+types/communities.$slug_.manage.meetings_.$number";

async function findMeeting(args: Route.LoaderArgs | Route.ActionArgs) {
  const permission = await authorize(args, "community.manage", {
    kind: "community",
    slug: args.params.slug,
  });
  const communityId = permission.communityId!;
  const meeting = await getMeetingAdmin(communityId, Number(args.params.number));
  if (!meeting) throw new Response(null, { status: 404 });
  return { communityId, meeting };
}

export async function loader(args: Route.LoaderArgs) {
  const { meeting } = await findMeeting(args);
  return {
    slug: args.params.slug,
    meeting: {
      id: meeting.id,
      number: meeting.number,
      title: meeting.title,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      timeZone: meeting.timeZone,
      status: meeting.status,
      cancelReason: meeting.cancelReason,
      past: meeting.endsAt.getTime() <= Date.now(),
      agenda: meeting.agendaItems.map((a) => ({
        id: a.id,
        part: a.part,
        title: a.title,
        description: a.description ?? "",
        startTime: a.startTime ?? "",
      })),
    },
    values: meetingFormValues(meeting),
  };
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  const { communityId, meeting } = await findMeeting(args);
  const actorId = context.session!.user.id;
  const formData = await readFormData(request);
  const fields = Object.fromEntries(formData);
  const intent = String(formData.get("intent") ?? "");
  const refused = (form: string, r: Refusal) =>
    failed(form, { [r.field]: r.error }, formValues(formData));
  const here = (number: number, done: string) =>
    `/communities/${params.slug}/manage/meetings/${number}?done=${done}`;

  switch (intent) {
    case "updateMeeting": {
      const parsed = parseForm(meetingSchema, formData);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      const result = await updateMeeting(actorId, communityId, meeting.id, parsed.data);
      if (!result.ok) return refused(intent, result);
      // A new date can give the meeting a new number, and so a new address.
      if (result.number !== meeting.number) return redirect(here(result.number, "renumbered"));
      return succeeded(intent, "admin.done.meetingSaved");
    }
    case "cancelMeeting": {
      const parsed = parseForm(cancelMeetingSchema, formData);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      const env = getEnv();
      const result = await cancelMeeting(actorId, communityId, meeting.id, parsed.data.reason, {
        origin: publicOrigin(request, env.APP_URL, isProduction()),
      });
      if (!result.ok) return refused(intent, result);
      return succeeded(intent, "admin.done.meetingCancelled", { count: result.queued });
    }
    case "reinstateMeeting": {
      const result = await reinstateMeeting(actorId, communityId, meeting.id);
      if (!result.ok) return refused("status", { ...result, field: "form" });
      return succeeded(intent, "admin.done.meetingReinstated");
    }
    case "deleteMeeting": {
      const parsed = parseForm(deleteMeetingSchema, formData);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      const result = await deleteMeeting(actorId, communityId, meeting.id);
      if (!result.ok) return refused(intent, result);
      return redirect(`/communities/${params.slug}/manage/meetings`);
    }
    case "addAgendaItem": {
      const parsed = parseForm(agendaItemSchema, formData);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      const result = await addAgendaItem(actorId, communityId, meeting.id, parsed.data);
      if (!result.ok) return refused(intent, result);
      return succeeded(intent, "admin.done.agendaAdded", { title: parsed.data.title });
    }
    case "updateAgendaItem": {
      const target = idSchema.safeParse(fields);
      if (!target.success) return unknownIntent();
      const key = formKey(intent, target.data.id);
      const parsed = parseForm(agendaItemSchema, formData);
      if (!parsed.ok) return failed(key, parsed.errors, parsed.values);
      const result = await updateAgendaItem(actorId, communityId, target.data.id, parsed.data);
      if (!result.ok) return refused(key, result);
      return succeeded(key, "admin.done.agendaSaved", { title: parsed.data.title });
    }
    case "deleteAgendaItem": {
      const target = idSchema.safeParse(fields);
      if (!target.success) return unknownIntent();
      const result = await deleteAgendaItem(actorId, communityId, target.data.id);
      if (!result.ok) return refused("agenda", { ...result, field: "form" });
      return succeeded("agenda", "admin.done.agendaDeleted");
    }
    case "moveAgendaItem": {
      const move = moveSchema.safeParse(fields);
      if (!move.success) return unknownIntent();
      const result = await moveAgendaItem(actorId, communityId, move.data.id, move.data.direction);
      if (!result.ok) return refused("agenda", { ...result, field: "form" });
      return succeeded("agenda", "admin.done.moved");
    }
    default:
      return unknownIntent();
  }
}

type AgendaRow = Awaited<ReturnType<typeof loader>>["meeting"]["agenda"][number];

export default function ManageMeeting() {
  const t = useT();
  const locale = useLocale();
  const { slug, meeting, values } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const done = search.get("done");
  const edit = useFormResult("updateMeeting");
  const agendaResult = useFormResult("agenda");
  const heading = `${t("admin.meetings.number", { number: meeting.number })}${meeting.title ? `: ${meeting.title}` : ""}`;
  const startsAt = new Date(meeting.startsAt);
  return (
    <>
      <PageTitle>{heading}</PageTitle>
      <StatusMessage
        fallback={
          done === "created"
            ? t("admin.done.meetingCreated", { number: meeting.number })
            : done === "renumbered"
              ? t("admin.done.meetingRenumbered", { number: meeting.number })
              : undefined
        }
      />
      <p>
        <Link to={`/communities/${slug}/manage/meetings`}>{t("admin.meetings.backToList")}</Link>
      </p>
      <h2>{heading}</h2>
      <p>
        {formatLongDate(startsAt, locale, meeting.timeZone)},{" "}
        {formatTimeRange(startsAt, new Date(meeting.endsAt), locale, meeting.timeZone)}
        {" · "}
        {meeting.status === "cancelled" ? (
          <span className="status status-cancelled">{t("admin.meetings.cancelled")}</span>
        ) : (
          <span className="status status-scheduled">{t("admin.meetings.scheduled")}</span>
        )}
      </p>

      <section aria-labelledby="details-title" className="admin-section">
        <h3 id="details-title">{t("admin.meetings.details")}</h3>
        <AdminForm intent="updateMeeting" label={t("admin.meetings.details")}>
          <MeetingFields form="updateMeeting" values={edit.values ?? values} errors={edit.errors} />
          <button type="submit" className="button">
            {t("admin.save")}
          </button>
        </AdminForm>
      </section>

      <section aria-labelledby="agenda-title" className="admin-section">
        <h3 id="agenda-title">{t("admin.agenda.title")}</h3>
        {agendaResult.failed ? (
          <p className="form-alert" role="alert">
            {t(agendaResult.errors.form ?? "admin.error.notFound")}
          </p>
        ) : null}
        {AGENDA_PARTS.map((part) => {
          const items = meeting.agenda.filter((a) => a.part === part);
          return (
            <div key={part} className="agenda-part">
              <h4>{t(`admin.agenda.part.${part}` as MessageKey)}</h4>
              {items.length === 0 ? <p>{t("admin.agenda.empty")}</p> : null}
              <ol className="admin-list">
                {items.map((item, i) => (
                  <AgendaItemRow
                    key={item.id}
                    item={item}
                    first={i === 0}
                    last={i === items.length - 1}
                  />
                ))}
              </ol>
            </div>
          );
        })}
        <h4>{t("admin.agenda.add")}</h4>
        <AgendaItemForm />
      </section>

      <section aria-labelledby="status-title" className="admin-section">
        <h3 id="status-title">
          {meeting.status === "cancelled"
            ? t("admin.meetings.reinstateTitle")
            : t("admin.meetings.cancelTitle")}
        </h3>
        {meeting.status === "cancelled" ? (
          <ReinstateForm reason={meeting.cancelReason} />
        ) : (
          <CancelForm past={meeting.past} number={meeting.number} />
        )}
      </section>

      <section aria-labelledby="delete-title" className="admin-section">
        <h3 id="delete-title">{t("admin.meetings.deleteTitle")}</h3>
        <DeleteMeetingForm number={meeting.number} />
      </section>
    </>
  );
}

function AgendaItemRow({ item, first, last }: { item: AgendaRow; first: boolean; last: boolean }) {
  const t = useT();
  const key = formKey("updateAgendaItem", item.id);
  const edit = useFormResult(key);
  const v = edit.values ?? item;
  return (
    <li className="admin-item">
      <p className="small-heading">
        {item.startTime ? <span className="agenda-time">{item.startTime} </span> : null}
        <strong>{item.title}</strong>
      </p>
      <details open={edit.failed ? true : undefined}>
        <summary>
          {t("admin.agenda.edit")}
          <span className="visually-hidden"> {item.title}</span>
        </summary>
        <AdminForm
          intent="updateAgendaItem"
          id={item.id}
          label={t("admin.agenda.editItem", { title: item.title })}
        >
          <AgendaFields form={key} values={v} errors={edit.errors} />
          <button type="submit" className="button secondary small">
            {t("admin.save")}
            <span className="visually-hidden"> {item.title}</span>
          </button>
        </AdminForm>
      </details>
      <div className="item-actions">
        <MoveButtons
          intent="moveAgendaItem"
          id={item.id}
          name={item.title}
          first={first}
          last={last}
        />
        <ActionButton intent="deleteAgendaItem" id={item.id}>
          {t("admin.remove")}
          <span className="visually-hidden"> {item.title}</span>
        </ActionButton>
      </div>
    </li>
  );
}

function AgendaFields({
  form,
  values,
  errors,
}: {
  form: string;
  values?: Record<string, string | undefined>;
  errors: Partial<Record<string, MessageKey>>;
}) {
  const t = useT();
  return (
    <>
      <Select
        form={form}
        name="part"
        label={t("admin.field.agendaPart")}
        defaultValue={values?.part ?? "plenary"}
        error={errors.part}
        options={AGENDA_PARTS.map((p) => ({
          value: p,
          label: t(`admin.agenda.part.${p}` as MessageKey),
        }))}
      />
      <Field
        form={form}
        name="startTime"
        type="time"
        label={t("admin.field.agendaTime")}
        hint={t("admin.hint.time")}
        defaultValue={values?.startTime}
        error={errors.startTime}
      />
      <Field
        form={form}
        name="title"
        label={t("admin.field.agendaTitle")}
        required
        defaultValue={values?.title}
        error={errors.title}
      />
      <TextArea
        form={form}
        name="description"
        label={t("admin.field.agendaDescription")}
        rows={2}
        defaultValue={values?.description}
        error={errors.description}
      />
    </>
  );
}

function AgendaItemForm() {
  const t = useT();
  const add = useFormResult("addAgendaItem");
  return (
    <AdminForm intent="addAgendaItem" resetOnSuccess label={t("admin.agenda.add")}>
      <AgendaFields form="addAgendaItem" values={add.values} errors={add.errors} />
      <button type="submit" className="button">
        {t("admin.agenda.addSubmit")}
      </button>
    </AdminForm>
  );
}

function CancelForm({ past, number }: { past: boolean; number: number }) {
  const t = useT();
  const cancel = useFormResult("cancelMeeting");
  if (past) return <p>{t("admin.meetings.cancelPast")}</p>;
  return (
    <AdminForm intent="cancelMeeting" label={t("admin.meetings.cancelTitle")}>
      <p>{t("admin.meetings.cancelExplain")}</p>
      <TextArea
        form="cancelMeeting"
        name="reason"
        label={t("admin.field.cancelReason")}
        required
        hint={t("admin.hint.cancelReason")}
        rows={3}
        defaultValue={cancel.values?.reason}
        error={cancel.errors.reason}
      />
      <ConfirmBox
        form="cancelMeeting"
        label={t("admin.meetings.cancelConfirm", { number })}
        error={cancel.errors.confirm}
      />
      <button type="submit" className="button danger">
        {t("admin.meetings.cancelSubmit")}
      </button>
    </AdminForm>
  );
}

function ReinstateForm({ reason }: { reason: string | null }) {
  const t = useT();
  const status = useFormResult("status");
  return (
    <>
      {reason ? <p>{t("admin.meetings.cancelledBecause", { reason })}</p> : null}
      {status.failed ? (
        <p className="form-alert" role="alert">
          {t(status.errors.form ?? "admin.error.notFound")}
        </p>
      ) : null}
      <p>{t("admin.meetings.reinstateExplain")}</p>
      <ActionButton intent="reinstateMeeting" className="button">
        {t("admin.meetings.reinstateSubmit")}
      </ActionButton>
    </>
  );
}

function DeleteMeetingForm({ number }: { number: number }) {
  const t = useT();
  const del = useFormResult("deleteMeeting");
  return (
    <details className="danger-zone" open={del.failed ? true : undefined}>
      <summary>{t("admin.meetings.deleteSummary")}</summary>
      <AdminForm intent="deleteMeeting" label={t("admin.meetings.deleteTitle")}>
        <p>{t("admin.meetings.deleteExplain")}</p>
        <ConfirmBox
          form="deleteMeeting"
          label={t("admin.meetings.deleteConfirm", { number })}
          error={del.errors.confirm}
        />
        <button type="submit" className="button danger">
          {t("admin.meetings.deleteSubmit")}
        </button>
      </AdminForm>
    </details>
  );
}
