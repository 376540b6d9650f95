import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { FormAlert, PageTitle, TextField } from "~/components/form";
import { PublishedEditions } from "~/components/magazine-editions";
import { type MessageKey, useLocale, useT } from "~/i18n";
import { formatLongDate, formatTimeRange, isoInstant, zonedWallClock } from "~/lib/dates";
import { FUNCTIONS } from "~/lib/domain";
import { changeThemeSchema, type FieldErrors, parseForm, registrationSchema } from "~/lib/forms";
import { meetingDisplayStatus } from "~/lib/meeting-status";
import { getCommunityPage, getOwnSubgroup, getPlaces } from "~/models/community.server";
import { listPublishedEditions } from "~/models/magazine.server";
import { authorize, can } from "~/models/permissions.server";
import {
  changeTheme,
  getOwnRegistration,
  RegistrationRefused,
  register,
  withdraw,
} from "~/models/registration.server";
import { getUser } from "~/utils/auth.server";
import { mailOrigin, readFormData } from "~/utils/request.server";
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
  const canManage = can(permission.role, "community.manage", permission.conditions);
  const canFollowPlenary = can(permission.role, "plenary.view", permission.conditions);
  const [registration, places, subgroup] = await Promise.all([
    user ? getOwnRegistration(community.id, user.id) : null,
    getPlaces(community.id),
    user ? getOwnSubgroup(community.id, user.id) : null,
  ]);
  const now = new Date();
  return {
    signedIn: !!user,
    canManage,
    canFollowPlenary,
    registration,
    subgroup,
    editions: await listPublishedEditions(community.id),
    community: {
      slug: community.slug,
      name: community.name,
      tagline: community.tagline,
      description: community.description,
      audience: community.audience,
      location: community.location,
      costs: community.costs,
      contactEmail: community.contactEmail,
      registrationStatus: community.registrationStatus,
      closedReason: community.closedReason,
      full: places.communityFull,
      partners: community.partners.map((p) => ({ name: p.name, url: p.url })),
      themes: community.themes.map((th) => ({
        id: th.id,
        name: th.name,
        description: th.description,
        facilitators: th.roleGrants.map((g) => g.user.name),
        placesLeft: places.themesLeft.get(th.id) ?? null,
        formed: th.subgroupsFormedAt !== null,
      })),
      meetings: community.meetings.map((m) => ({
        id: m.id,
        number: m.number,
        title: m.title,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        walkIn: m.walkInAt ? zonedWallClock(m.walkInAt, m.timeZone).time : null,
        walkInNote: m.walkInNote,
        region: m.region,
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

type ActionResult = {
  intent: string;
  errors: FieldErrors;
  values: Record<string, string>;
  formError: MessageKey | null;
  done: MessageKey | null;
  position?: number;
};

export async function action({ request, params, context }: Route.ActionArgs) {
  const permission = await authorize({ request, context }, "community.register", {
    kind: "community",
    slug: params.slug,
  });
  const userId = context.session!.user.id;
  const communityId = permission.communityId!;
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const origin = { origin: mailOrigin(request) };
  const result = (r: Partial<ActionResult>, status = 200) =>
    data({ intent, errors: {}, values: {}, formError: null, done: null, ...r } as ActionResult, {
      status,
    });
  try {
    if (intent === "register") {
      const parsed = parseForm(registrationSchema, formData);
      if (!parsed.ok) return result({ errors: parsed.errors, values: parsed.values }, 400);
      const { choice, organisation } = parsed.data;
      const outcome = await register(
        userId,
        communityId,
        {
          themeId: choice === "plenary" ? null : choice,
          organisation,
          function: parsed.data.function,
        },
        origin,
      );
      return result({
        done: outcome.status === "registered" ? "register.done" : "register.doneWaitlist",
        position: outcome.position,
      });
    }
    if (intent === "changeTheme") {
      const parsed = parseForm(changeThemeSchema, formData);
      if (!parsed.ok) return result({ errors: parsed.errors, values: parsed.values }, 400);
      const choice = parsed.data.choice;
      await changeTheme(
        userId,
        communityId,
        { themeId: choice === "plenary" ? null : choice },
        origin,
      );
      return result({ done: "register.changed" });
    }
    if (intent === "withdraw") {
      await withdraw(userId, communityId, origin);
      return result({ done: "register.withdrawn" });
    }
    return result({ formError: "register.error.intent" }, 400);
  } catch (error) {
    if (error instanceof RegistrationRefused) {
      const values: Record<string, string> = {};
      for (const [k, v] of formData) if (typeof v === "string") values[k] = v;
      const field =
        error.reason === "unknownTheme" || error.reason === "themeFull" ? "choice" : null;
      const key = `register.error.${error.reason}` as MessageKey;
      return field
        ? result({ errors: { [field]: key }, values }, 409)
        : result({ formError: key, values }, 409);
    }
    throw error;
  }
}

export default function CommunityPage() {
  const t = useT();
  const locale = useLocale();
  const { community, signedIn, registration, subgroup, canManage, canFollowPlenary, editions } =
    useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="community-title">
      <PageTitle>{community.name}</PageTitle>
      <h1 id="community-title">{community.name}</h1>
      <p className="lead">{community.tagline}</p>
      {community.description.split(/\n\s*\n/).map((p, i) => (
        <p key={i}>{p}</p>
      ))}

      {canManage ? (
        <p>
          <Link className="button secondary" to={`/communities/${community.slug}/manage`}>
            {t("community.manage")}
          </Link>
        </p>
      ) : null}

      <RegistrationPanel
        signedIn={signedIn}
        registration={registration}
        subgroup={subgroup}
        community={community}
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
        <p>
          <a href={`/communities/${community.slug}/calendar.ics`}>{t("calendar.feed")}</a>
        </p>
        {canFollowPlenary ? (
          <p>
            <Link to={`/communities/${community.slug}/questions`}>{t("questions.title")}</Link>
          </p>
        ) : null}
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
                {m.walkIn ? (
                  <p>
                    {t("calendar.walkIn", { time: m.walkIn })}
                    {m.walkInNote ? ` (${m.walkInNote})` : null}
                  </p>
                ) : null}
                {m.region ? <p>{t("community.region", { region: m.region })}</p> : null}
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
                <p>
                  <a href={`/communities/${community.slug}/meetings/${m.number}/calendar.ics`}>
                    {t("calendar.meetingIcs", { number: m.number })}
                  </a>
                </p>
                {canFollowPlenary ? (
                  <p>
                    <Link to={`/communities/${community.slug}/plenary/${m.number}`}>
                      {t("plenary.meetingLink", { number: m.number })}
                    </Link>
                  </p>
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
          {community.contactEmail ? (
            <>
              <dt>{t("community.contact")}</dt>
              <dd>
                <a href={`mailto:${community.contactEmail}`}>{community.contactEmail}</a>
              </dd>
            </>
          ) : null}
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
      <PublishedEditions communitySlug={community.slug} editions={editions} />
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

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

function RegistrationPanel({
  signedIn,
  registration,
  subgroup,
  community,
}: {
  signedIn: boolean;
  registration: PageData["registration"];
  subgroup: PageData["subgroup"];
  community: PageData["community"];
}) {
  const t = useT();
  const result = useActionData<typeof action>();
  const active = registration && registration.status !== "withdrawn";
  const here = `/communities/${community.slug}`;
  let body: React.ReactNode;
  if (active) {
    body = (
      <OwnRegistration registration={registration} subgroup={subgroup} community={community} />
    );
  } else if (community.registrationStatus !== "open") {
    body = (
      <p>
        {community.closedReason ??
          t(community.registrationStatus === "full" ? "register.error.full" : "community.closed")}
      </p>
    );
  } else if (!signedIn) {
    const back = encodeURIComponent(`${here}#register-title`);
    body = (
      <p>
        {t("register.signedOut")}{" "}
        <Link to={`/signup?redirectTo=${back}`}>{t("layout.signup")}</Link> ·{" "}
        <Link to={`/login?redirectTo=${back}`}>{t("layout.login")}</Link>
      </p>
    );
  } else {
    body = <RegistrationForm community={community} />;
  }
  return (
    <aside className="callout" aria-labelledby="register-title">
      <h2 id="register-title">{t("register.title")}</h2>
      {result?.done ? (
        <p className="notice" role="status">
          {t(result.done, { position: result.position ?? "" })}
        </p>
      ) : null}
      {result?.formError ? <FormAlert message={t(result.formError)} trigger={result} /> : null}
      {body}
    </aside>
  );
}

function ChoiceFieldset({
  community,
  legend,
  current,
  defaultValue,
  error,
}: {
  community: PageData["community"];
  legend: string;
  current?: string | null;
  defaultValue?: string;
  error?: MessageKey;
}) {
  const t = useT();
  const errorId = error ? "choice-error" : undefined;
  return (
    <fieldset
      className={`field choice-list${error ? " field-invalid" : ""}`}
      aria-describedby={errorId}
    >
      <legend>{legend}</legend>
      {error ? (
        <p id={errorId} className="field-error">
          {t(error)}
        </p>
      ) : null}
      {community.themes.map((th) => (
        <label key={th.id} className="choice">
          <input
            type="radio"
            name="choice"
            value={th.id}
            defaultChecked={defaultValue === th.id}
            disabled={current === th.id}
          />{" "}
          {t("register.theme", { theme: th.name })}
          {th.placesLeft !== null ? (
            <span className="meta">
              {" "}
              (
              {th.placesLeft === 0
                ? t("register.themeFull")
                : t("register.themePlaces", { count: th.placesLeft })}
              )
            </span>
          ) : null}
        </label>
      ))}
      <label className="choice">
        <input
          type="radio"
          name="choice"
          value="plenary"
          defaultChecked={defaultValue === "plenary"}
          disabled={current === "plenary"}
        />{" "}
        {t("register.plenaryOnly")}
      </label>
    </fieldset>
  );
}

function RegistrationForm({ community }: { community: PageData["community"] }) {
  const t = useT();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const mine = result?.intent === "register" ? result : undefined;
  const values = mine?.values ?? {};
  const invalid = mine && Object.keys(mine.errors).length > 0;
  return (
    <>
      <p>{t("register.intro")}</p>
      {community.full ? <p className="notice">{t("register.communityFull")}</p> : null}
      {invalid ? <FormAlert message={t("auth.formErrorSummary")} trigger={mine} /> : null}
      <Form method="post" noValidate className="registration-form">
        <input type="hidden" name="intent" value="register" />
        <ChoiceFieldset
          community={community}
          legend={t("register.choice")}
          defaultValue={values.choice}
          error={mine?.errors.choice}
        />
        <TextField
          name="organisation"
          label={t("register.organisation")}
          hint={t("register.organisationHint")}
          autoComplete="organization"
          defaultValue={values.organisation}
          error={mine?.errors.organisation}
        />
        <SelectFunction defaultValue={values.function} error={mine?.errors.function} />
        <div className={`field checkbox-field${mine?.errors.consent ? " field-invalid" : ""}`}>
          {mine?.errors.consent ? (
            <p id="field-consent-error" className="field-error">
              {t(mine.errors.consent)}
            </p>
          ) : null}
          <input
            id="field-consent"
            type="checkbox"
            name="consent"
            defaultChecked={values.consent === "on"}
            aria-invalid={mine?.errors.consent ? true : undefined}
            aria-describedby={mine?.errors.consent ? "field-consent-error" : undefined}
          />{" "}
          <label htmlFor="field-consent">{consentLabel(t)}</label>
        </div>
        <button type="submit" className="button" aria-disabled={submitting || undefined}>
          {t("register.submit")}
        </button>
      </Form>
    </>
  );
}

/** "Ik ga akkoord met de <a>privacyverklaring</a>." with the link in the sentence. */
function consentLabel(t: ReturnType<typeof useT>) {
  const [before, after] = t("register.consent").split("{privacy}");
  return (
    <>
      {before}
      <Link to="/privacy" target="_blank">
        {t("register.consentLink")}
      </Link>
      {after}
    </>
  );
}

function SelectFunction({ defaultValue, error }: { defaultValue?: string; error?: MessageKey }) {
  const t = useT();
  const errorId = error ? "field-function-error" : undefined;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor="field-function">{t("register.function")}</label>
      {error ? (
        <p id={errorId} className="field-error">
          {t(error)}
        </p>
      ) : null}
      <select
        id="field-function"
        name="function"
        defaultValue={defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
      >
        <option value="">{t("register.functionChoose")}</option>
        {FUNCTIONS.map((f) => (
          <option key={f} value={f}>
            {t(`register.function.${f}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

function OwnRegistration({
  registration,
  subgroup,
  community,
}: {
  registration: NonNullable<PageData["registration"]>;
  subgroup: PageData["subgroup"];
  community: PageData["community"];
}) {
  const t = useT();
  const result = useActionData<typeof action>();
  const mine = result?.intent === "changeTheme" ? result : undefined;
  const formed = registration.theme?.subgroupsFormedAt != null;
  const choiceName = registration.theme
    ? t("register.statusWaitlistedTheme", { theme: registration.theme.name })
    : t("register.statusWaitlistedPlenary");
  return (
    <>
      <p>
        <strong>
          {registration.status === "waitlisted"
            ? t("register.statusWaitlisted", {
                choice: choiceName,
                position: registration.position ?? "?",
              })
            : registration.theme
              ? t("register.statusRegistered", { theme: registration.theme.name })
              : t("register.statusRegisteredPlenary")}
        </strong>
      </p>
      {subgroup ? (
        <p>
          <Link className="button" to={`/subgroups/${subgroup.id}`}>
            {t("register.toSubgroup")}: {subgroup.name}
          </Link>
        </p>
      ) : null}
      {formed ? (
        <p className="meta">{t("register.changeLocked")}</p>
      ) : (
        <details open={!!mine}>
          <summary>{t("register.change")}</summary>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="changeTheme" />
            <ChoiceFieldset
              community={{
                ...community,
                themes: community.themes.filter((th) => !th.formed),
              }}
              legend={t("register.choice")}
              current={registration.themeId ?? "plenary"}
              defaultValue={mine?.values.choice}
              error={mine?.errors.choice}
            />
            <button type="submit" className="button secondary">
              {t("register.changeSubmit")}
            </button>
          </Form>
        </details>
      )}
      <Form
        method="post"
        className="inline-form"
        onSubmit={(event) => {
          if (!window.confirm(t("register.withdrawConfirm"))) event.preventDefault();
        }}
      >
        <input type="hidden" name="intent" value="withdraw" />
        <button type="submit" className="button secondary">
          {t("register.withdraw")}
        </button>
      </Form>
    </>
  );
}
