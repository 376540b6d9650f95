// The plenary page of a meeting, for everybody registered (plenary-only people included): the
// published outcomes of all subgroups by theme, the meeting's plenary agenda and its questions,
// and "Nu op het scherm". It follows the community's live stream: a new or republished outcome
// appears without reload (announced politely). The organiser puts one outcome or question on
// screen (a form post: works without JavaScript); ?scherm=1 is the presenter view for the beamer.
import { useEffect, useRef, useState } from "react";
import { data, Form, Link, useActionData, useLoaderData } from "react-router";
import { z } from "zod";
import { FormAlert, PageTitle } from "~/components/form";
import { useLiveEvents } from "~/components/live-events";
import { type MessageKey, useLocale, useT } from "~/i18n";
import { formatDateTime, formatLongDate, formatTimeRange } from "~/lib/dates";
import { ON_SCREEN_KINDS } from "~/lib/domain";
import { authorize, can } from "~/models/permissions.server";
import { communityHeading, getPlenaryPage, setOnScreen } from "~/models/plenary.server";
import plenaryStyles from "~/styles/plenary.css?url";
import { readFormData } from "~/utils/request.server";
import type { Route } from "./+types/communities.$slug_.plenary.$number";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: plenaryStyles }];

const meetingNumber = z.coerce.number().int().min(1).max(9999);

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const permission = await authorize({ request, context }, "plenary.view", {
    kind: "community",
    slug: params.slug,
  });
  const number = meetingNumber.safeParse(params.number);
  const communityId = permission.communityId!;
  const userId = context.session?.user.id ?? null;
  const page = number.success ? await getPlenaryPage(communityId, number.data, userId) : null;
  if (!page) throw data(null, { status: 404 });
  const community = await communityHeading(communityId);
  return {
    community,
    ...page,
    presenter: new URL(request.url).searchParams.get("scherm") === "1",
    canPresent: can(permission.role, "plenary.present", permission.conditions),
  };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("onScreen"),
    kind: z.enum(ON_SCREEN_KINDS),
    id: z.string().min(1).max(64),
  }),
  z.object({ intent: z.literal("offScreen") }),
]);

export async function action({ request, params, context }: Route.ActionArgs) {
  const permission = await authorize({ request, context }, "plenary.present", {
    kind: "community",
    slug: params.slug,
  });
  const communityId = permission.communityId!;
  const number = meetingNumber.safeParse(params.number);
  const page = number.success ? await getPlenaryPage(communityId, number.data, null) : null;
  if (!page) throw data(null, { status: 404 });
  const parsed = actionSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success)
    return data({ ok: false as const, problem: "plenary.problem.invalid" as MessageKey }, 400);
  const item =
    parsed.data.intent === "onScreen" ? { kind: parsed.data.kind, id: parsed.data.id } : null;
  const result = await setOnScreen(
    communityId,
    page.meeting.id,
    item,
    context.session?.user.id ?? "",
  );
  if (!result.ok)
    return data(
      { ok: false as const, problem: `plenary.problem.${result.problem}` as MessageKey },
      409,
    );
  return { ok: true as const, problem: null };
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function PlenaryPage() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const announcement = usePublicationAnnouncement(page.themes);
  const live = useLiveEvents(page.community.slug);
  const title = `${t("plenary.title", { number: page.meeting.number })}${page.meeting.title ? `: ${page.meeting.title}` : ""}`;
  if (page.presenter) return <PresenterView page={page} title={title} live={live} />;
  return (
    <article aria-labelledby="plenary-title" className="plenary" data-live={live}>
      <PageTitle>{`${title} · ${page.community.name}`}</PageTitle>
      <p className="meta no-print">
        <Link to={`/communities/${page.community.slug}`}>{page.community.name}</Link>
      </p>
      <h1 id="plenary-title">{title}</h1>
      <MeetingWhen meeting={page.meeting} />
      <p className="plenary-links no-print">
        <Link to={`/communities/${page.community.slug}/questions`}>{t("plenary.toQuestions")}</Link>
        {" · "}
        <Link to="?scherm=1">{t("plenary.presenterLink")}</Link>
        {" · "}
        <span className="meta">{t(`plenary.live.${live}` as MessageKey)}</span>
      </p>
      <p className="live-announcement no-print" role="status" data-testid="plenary-announcement">
        {announcement}
      </p>
      <ActionProblem />

      <OnScreenSection page={page} />

      {page.agenda.length > 0 ? (
        <section aria-labelledby="agenda-title">
          <h2 id="agenda-title">{t("plenary.agenda")}</h2>
          <ul className="plain plenary-agenda">
            {page.agenda.map((a) => (
              <li key={a.id}>
                {a.startTime ? <span className="agenda-time">{a.startTime}</span> : null} {a.title}
                {a.description ? <span className="meta"> · {a.description}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="planned-title">
        <h2 id="planned-title">{t("plenary.questions")}</h2>
        {page.questions.length === 0 ? (
          <p className="meta">{t("plenary.questionsNone")}</p>
        ) : (
          <ol className="plenary-questions">
            {page.questions.map((q) => (
              <li key={q.id} data-testid="plenary-question">
                <p className="question-text">{q.text}</p>
                <p className="meta">
                  {[q.theme?.name, q.subgroup?.name].filter(Boolean).join(" · ")}
                  {" · "}
                  {t("questions.votes", { count: q.votes })}
                  {q.status === "discussed" ? ` · ${t("questions.status.discussed")}` : null}
                </p>
                {q.answer ? (
                  <p className="question-answer">
                    <strong>{t("questions.answer")}:</strong> {q.answer}
                  </p>
                ) : null}
                {page.canPresent ? (
                  <OnScreenButton kind="question" id={q.id} label={q.text} page={page} />
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="outcomes-title">
        <h2 id="outcomes-title">{t("plenary.outcomes")}</h2>
        {page.themes.length === 0 ? (
          <p>{t("plenary.outcomesNone")}</p>
        ) : (
          <>
            <nav aria-label={t("plenary.contents")} className="plenary-contents no-print">
              <ul className="plain">
                {page.themes.map((theme) => (
                  <li key={theme.id}>
                    <strong>{theme.name}</strong>
                    <ul>
                      {theme.outcomes.map((o) => (
                        <li key={o.outcomeId}>
                          <a href={`#uitkomst-${o.outcomeId}`}>{o.title ?? o.subgroupName}</a>
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </nav>
            {page.themes.map((theme) => (
              <section
                key={theme.id}
                aria-labelledby={`thema-${theme.id}`}
                className="plenary-theme"
              >
                <h3 id={`thema-${theme.id}`}>{theme.name}</h3>
                {theme.outcomes.map((o) => (
                  <article
                    key={o.outcomeId}
                    id={`uitkomst-${o.outcomeId}`}
                    aria-labelledby={`titel-${o.outcomeId}`}
                    className="plenary-outcome"
                    data-testid="plenary-outcome"
                  >
                    <h4 id={`titel-${o.outcomeId}`}>{o.title ?? o.subgroupName}</h4>
                    <PublicationMeta outcome={o} />
                    <div
                      className="document-view prose published-document"
                      // Rendered through the one editor schema at publication (escaped there).
                      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server rendering
                      dangerouslySetInnerHTML={{ __html: o.html }}
                    />
                    <p className="no-print">
                      <Link to={`/subgroups/${o.subgroupId}/published`}>
                        {t("plenary.ownPage", { title: o.title ?? o.subgroupName })}
                      </Link>
                    </p>
                    {page.canPresent ? (
                      <OnScreenButton
                        kind="outcome"
                        id={o.outcomeId}
                        label={o.title ?? o.subgroupName}
                        page={page}
                      />
                    ) : null}
                  </article>
                ))}
              </section>
            ))}
          </>
        )}
      </section>
    </article>
  );
}

function MeetingWhen({ meeting }: { meeting: PageData["meeting"] }) {
  const locale = useLocale();
  const startsAt = new Date(meeting.startsAt);
  return (
    <p className="meeting-when">
      {formatLongDate(startsAt, locale, meeting.timeZone)},{" "}
      {formatTimeRange(startsAt, new Date(meeting.endsAt), locale, meeting.timeZone)}
    </p>
  );
}

function PublicationMeta({ outcome }: { outcome: PageData["themes"][number]["outcomes"][number] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <p className="meta">
      {t("plenary.outcomeMeta", {
        subgroup: outcome.subgroupName,
        theme: outcome.themeName,
        number: outcome.number,
        date: formatDateTime(new Date(outcome.publishedAt), locale),
      })}
    </p>
  );
}

function ActionProblem() {
  const t = useT();
  const result = useActionData<typeof action>();
  if (!result || result.ok || !result.problem) return null;
  return <FormAlert message={t(result.problem)} trigger={result} />;
}

function OnScreenButton({
  kind,
  id,
  label,
  page,
}: {
  kind: "outcome" | "question";
  id: string;
  label: string;
  page: PageData;
}) {
  const t = useT();
  const current = page.onScreen
    ? page.onScreen.kind === "outcome"
      ? page.onScreen.outcome.outcomeId
      : page.onScreen.question.id
    : null;
  if (current === id) return <p className="meta no-print">{t("plenary.isOnScreen")}</p>;
  return (
    <Form method="post" className="inline-form no-print" preventScrollReset>
      <input type="hidden" name="intent" value="onScreen" />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        className="button secondary"
        aria-label={t("plenary.putOnScreenLabel", { title: label })}
      >
        {t("plenary.putOnScreen")}
      </button>
    </Form>
  );
}

function OnScreenContent({ page, large }: { page: PageData; large?: boolean }) {
  const t = useT();
  const item = page.onScreen;
  if (!item) return null;
  const Heading = large ? "h2" : "h3";
  if (item.kind === "outcome")
    return (
      <div className="on-screen-item" data-testid="on-screen-item">
        <Heading>{item.outcome.title ?? item.outcome.subgroupName}</Heading>
        <p className="meta">
          {item.outcome.themeName} · {item.outcome.subgroupName}
        </p>
        <div
          className="document-view prose published-document"
          // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server rendering
          dangerouslySetInnerHTML={{ __html: item.outcome.html }}
        />
      </div>
    );
  return (
    <div className="on-screen-item" data-testid="on-screen-item">
      <Heading>{item.question.text}</Heading>
      <p className="meta">
        {[item.question.theme, item.question.subgroup].filter(Boolean).join(" · ")}
        {" · "}
        {t("questions.votes", { count: item.question.votes })}
      </p>
      {item.question.answer ? (
        <p className="question-answer">
          <strong>{t("questions.answer")}:</strong> {item.question.answer}
        </p>
      ) : null}
    </div>
  );
}

function OnScreenSection({ page }: { page: PageData }) {
  const t = useT();
  if (!page.onScreen && !page.canPresent) return null;
  return (
    <section aria-labelledby="on-screen-title" className="on-screen" data-testid="on-screen">
      <h2 id="on-screen-title">{t("plenary.onScreen")}</h2>
      {page.onScreen ? (
        <>
          <OnScreenContent page={page} />
          {page.canPresent ? (
            <Form method="post" className="inline-form no-print" preventScrollReset>
              <input type="hidden" name="intent" value="offScreen" />
              <button type="submit" className="button secondary">
                {t("plenary.offScreen")}
              </button>
            </Form>
          ) : null}
        </>
      ) : (
        <p className="meta">{t("plenary.nothingOnScreen")}</p>
      )}
    </section>
  );
}

function PresenterView({ page, title, live }: { page: PageData; title: string; live: string }) {
  const t = useT();
  return (
    <article aria-labelledby="presenter-title" className="presenter" data-live={live}>
      <PageTitle>{`${t("plenary.onScreen")} · ${title}`}</PageTitle>
      <h1 id="presenter-title" className="presenter-title">
        {t("plenary.onScreen")} <span className="meta">· {title}</span>
      </h1>
      <div aria-live="polite" data-testid="on-screen">
        {page.onScreen ? (
          <OnScreenContent page={page} large />
        ) : (
          <p className="presenter-empty">{t("plenary.nothingOnScreen")}</p>
        )}
      </div>
      <p className="presenter-exit">
        <Link to=".">{t("plenary.presenterExit")}</Link>
      </p>
    </article>
  );
}

/**
 * "Nieuw gepubliceerd: …" when an outcome appears while the page is open, "Opnieuw
 * gepubliceerd: …" when one is republished (the loader data changed under the page).
 */
function usePublicationAnnouncement(themes: PageData["themes"]): string {
  const t = useT();
  const seen = useRef<Map<string, number> | null>(null);
  const [message, setMessage] = useState("");
  useEffect(() => {
    const now = new Map<string, { number: number; title: string }>();
    for (const theme of themes)
      for (const o of theme.outcomes)
        now.set(o.outcomeId, { number: o.number, title: o.title ?? o.subgroupName });
    const before = seen.current;
    seen.current = new Map([...now].map(([id, o]) => [id, o.number]));
    if (!before) return;
    const added = [...now].filter(([id]) => !before.has(id)).map(([, o]) => o.title);
    const changed = [...now]
      .filter(([id, o]) => before.has(id) && before.get(id) !== o.number)
      .map(([, o]) => o.title);
    const parts = [
      ...(added.length > 0 ? [t("plenary.announceNew", { titles: added.join(", ") })] : []),
      ...(changed.length > 0 ? [t("plenary.announceChanged", { titles: changed.join(", ") })] : []),
    ];
    if (parts.length > 0) setMessage(parts.join(" "));
  }, [themes, t]);
  return message;
}
