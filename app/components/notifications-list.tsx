// "Meldingen" on mijn werkplaats: the person's notifications (who, what, an excerpt, a link to
// the thread) with "markeer als gelezen" per item and "alles gelezen". The forms post to /me.
import { Form, Link } from "react-router";
import { FormAlert } from "~/components/form";
import { intlLocale, type MessageKey, useLocale, useT } from "~/i18n";
import type { NotificationKind } from "~/models/notification.server";

type NotificationItem = {
  id: string;
  kind: NotificationKind;
  excerpt: string;
  createdAt: Date | string;
  read: boolean;
  actorName: string | null;
  subgroup: { id: string; name: string } | null;
  threadId: string | null;
};

export function NotificationsSection({
  notifications,
  marked,
}: {
  notifications: NotificationItem[];
  marked: { marked: number } | null;
}) {
  const t = useT();
  const locale = useLocale();
  const unread = notifications.filter((n) => !n.read).length;
  const format = new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  });
  return (
    <section aria-labelledby="meldingen-title" id="meldingen" tabIndex={-1}>
      <h2 id="meldingen-title">
        {t("comments.notifications.title")}
        {unread > 0 ? (
          <span className="meta">
            {" "}
            ({t("comments.notifications.unreadCount", { count: unread })})
          </span>
        ) : null}
      </h2>
      {marked ? (
        <FormAlert
          id="notifications-alert"
          message={t("comments.notifications.markedRead")}
          trigger={marked}
        />
      ) : null}
      {notifications.length === 0 ? (
        <p>{t("comments.notifications.empty")}</p>
      ) : (
        <>
          {unread > 0 ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="markAllRead" />
              <button type="submit" className="button secondary">
                {t("comments.notifications.markAllRead")}
              </button>
            </Form>
          ) : null}
          <ul className="plain notification-list" data-testid="notifications">
            {notifications.map((n) => {
              const subgroup = n.subgroup?.name ?? "";
              const href = n.subgroup
                ? `/subgroups/${n.subgroup.id}${n.threadId ? `#thread-${n.threadId}` : ""}`
                : null;
              return (
                <li key={n.id} className={n.read ? "notification" : "notification unread"}>
                  <p>
                    {n.read ? null : (
                      <strong className="notification-new">
                        {t("comments.notifications.unread")}:{" "}
                      </strong>
                    )}
                    {t(`comments.notifications.${n.kind}` as MessageKey, {
                      actor: n.actorName ?? t("comments.notifications.someone"),
                      subgroup,
                    })}{" "}
                    <time className="meta" dateTime={new Date(n.createdAt).toISOString()}>
                      {format.format(new Date(n.createdAt))}
                    </time>
                  </p>
                  {n.excerpt ? (
                    <blockquote className="comment-quote">{n.excerpt}</blockquote>
                  ) : null}
                  <div className="notification-actions">
                    {href ? (
                      <Link to={href} reloadDocument>
                        {t("comments.notifications.open")}
                        <span className="visually-hidden">: {subgroup}</span>
                      </Link>
                    ) : null}
                    {n.read ? null : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="markRead" />
                        <input type="hidden" name="notificationId" value={n.id} />
                        <button type="submit" className="link-button">
                          {t("comments.notifications.markRead")}
                        </button>
                      </Form>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
