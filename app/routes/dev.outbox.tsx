import { useLoaderData } from "react-router";
import { PageTitle } from "~/components/form";
import { useLocale, useT } from "~/i18n";
import { checkPermission } from "~/models/permissions.server";
import { getUser } from "~/utils/auth.server";
import { readOutbox } from "~/utils/email.server";
import type { Route } from "./+types/dev.outbox";

/** Development only: the e-mails that would have been sent (404 in production). */
export async function loader({ context }: Route.LoaderArgs) {
  const permission = await checkPermission(getUser(context)?.id ?? null, "dev.outbox", {
    kind: "site",
  });
  if (!permission.allowed) throw new Response(null, { status: 404 });
  return { mails: await readOutbox() };
}

export default function Outbox() {
  const t = useT();
  const locale = useLocale();
  const { mails } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle>{t("outbox.title")}</PageTitle>
      <h1>{t("outbox.title")}</h1>
      <p>{t("outbox.intro")}</p>
      {mails.length === 0 ? <p>{t("outbox.empty")}</p> : null}
      <ol className="card-list">
        {mails.map((m) => (
          <li key={m.id} className="card mail">
            <h2>{m.subject}</h2>
            <p className="meta">
              {t("outbox.to")}: {m.to} · {t("outbox.sentAt")}:{" "}
              {new Date(m.sentAt).toLocaleString(locale === "en" ? "en-GB" : "nl-NL", {
                timeZone: "Europe/Amsterdam",
              })}
            </p>
            <pre className="mail-body">{m.text}</pre>
          </li>
        ))}
      </ol>
    </>
  );
}
