// The fields of a meeting (new and edit): when, walk-in, where (online or at a venue), title.
import { Field, RadioGroup } from "~/components/admin-form";
import { useT } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";

export function MeetingFields({
  form,
  values,
  errors,
}: {
  form: string;
  values?: Record<string, string>;
  errors: FieldErrors;
}) {
  const t = useT();
  const v = values ?? {};
  return (
    <>
      <Field
        form={form}
        name="title"
        label={t("admin.field.meetingTitle")}
        defaultValue={v.title}
        error={errors.title}
      />
      <fieldset className="admin-fieldset">
        <legend>{t("admin.meetings.when")}</legend>
        <p className="field-hint">{t("admin.hint.timeZone")}</p>
        <Field
          form={form}
          name="date"
          type="date"
          label={t("admin.field.date")}
          required
          hint={t("admin.hint.date")}
          defaultValue={v.date}
          error={errors.date}
        />
        <div className="field-row">
          <Field
            form={form}
            name="startTime"
            type="time"
            label={t("admin.field.startTime")}
            required
            hint={t("admin.hint.time")}
            defaultValue={v.startTime}
            error={errors.startTime}
          />
          <Field
            form={form}
            name="endTime"
            type="time"
            label={t("admin.field.endTime")}
            required
            hint={t("admin.hint.time")}
            defaultValue={v.endTime}
            error={errors.endTime}
          />
        </div>
        <Field
          form={form}
          name="walkInTime"
          type="time"
          label={t("admin.field.walkInTime")}
          hint={t("admin.hint.walkInTime")}
          defaultValue={v.walkInTime}
          error={errors.walkInTime}
        />
        <Field
          form={form}
          name="walkInNote"
          label={t("admin.field.walkInNote")}
          hint={t("admin.hint.walkInNote")}
          defaultValue={v.walkInNote}
          error={errors.walkInNote}
        />
      </fieldset>
      <fieldset className="admin-fieldset">
        <legend>{t("admin.meetings.where")}</legend>
        <Field
          form={form}
          name="region"
          label={t("admin.field.region")}
          hint={t("admin.hint.region")}
          defaultValue={v.region}
          error={errors.region}
        />
        <RadioGroup
          form={form}
          name="mode"
          label={t("admin.field.mode")}
          defaultValue={v.mode}
          error={errors.mode}
          options={[
            { value: "online", label: t("admin.mode.online") },
            { value: "venue", label: t("admin.mode.venue") },
          ]}
        />
        <Field
          form={form}
          name="onlineUrl"
          type="url"
          label={t("admin.field.onlineUrl")}
          hint={t("admin.hint.onlineUrl")}
          defaultValue={v.onlineUrl}
          error={errors.onlineUrl}
        />
        <Field
          form={form}
          name="venueName"
          label={t("admin.field.venueName")}
          hint={t("admin.hint.venueName")}
          defaultValue={v.venueName}
          error={errors.venueName}
        />
        <Field
          form={form}
          name="venueAddress"
          label={t("admin.field.venueAddress")}
          hint={t("admin.hint.venueAddress")}
          defaultValue={v.venueAddress}
          error={errors.venueAddress}
        />
      </fieldset>
    </>
  );
}
