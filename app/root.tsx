import { useEffect, useState } from "react";
import {
  data,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useFetchers,
  useLocation,
  useMatches,
  useNavigate,
  useNavigation,
  useRouteError,
  useRouteLoaderData,
  useSubmit,
} from "react-router";
import { clearOfflineCopies, hasUnsyncedOfflineChanges } from "~/editor/offline-copies";
import {
  DEFAULT_LOCALE,
  type Locale,
  LocaleContext,
  type Translate,
  translator,
  useT,
} from "~/i18n";
import { rememberSubmission, type Submission, takeRecentSubmission } from "~/lib/last-submission";
import { useNonce } from "~/lib/nonce";
import { countUnread } from "~/models/notification.server";
import { authorize } from "~/models/permissions.server";
import stylesheet from "~/styles/app.css?url";
import { getLocale, getUser } from "~/utils/auth.server";
import { isProduction } from "~/utils/env.server";
import type { Route } from "./+types/root";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  const user = getUser(context);
  return data({
    locale: getLocale(request, context),
    user: user ? { name: user.name, unreadNotifications: await countUnread(user.id) } : null,
    showDevTools: !isProduction(),
  });
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = root?.locale ?? DEFAULT_LOCALE;
  // The inline scripts carry this response's CSP nonce (app/entry.server.tsx).
  const nonce = useNonce();
  useRememberSubmissions();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <LocaleContext.Provider value={locale}>
          <Shell>{children}</Shell>
        </LocaleContext.Provider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const t = useT();
  const location = useLocation();
  // A page whose route says `handle = { bare: true }` (the magazine's print page) brings its
  // own <main> and shows no site header or footer.
  const bare = useMatches().some((m) => (m.handle as { bare?: boolean } | undefined)?.bare);
  const here = location.pathname + location.search;
  // From the sign-in pages themselves (and reset links, which hold a token) there is nowhere to return to.
  const onAuthPage = /^\/(login|signup|logout|forgot-password|reset-password)(\/|$)/.test(
    location.pathname,
  );
  const loginHref = onAuthPage ? "/login" : `/login?redirectTo=${encodeURIComponent(here)}`;
  if (bare) return <>{children}</>;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("layout.skipLink")}
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link to="/" className="brand">
            {t("meta.siteName")}
          </Link>
          <nav aria-label={t("layout.mainNav")}>
            <ul className="nav-list">
              <li>
                <Link to="/">{t("layout.communities")}</Link>
              </li>
              {root?.user ? (
                <>
                  <li>
                    <Link to="/me">{t("layout.myWorkplace")}</Link>
                  </li>
                  <li>
                    <Link to="/me#meldingen" data-testid="notifications-link">
                      {root.user.unreadNotifications > 0
                        ? t("comments.notifications.headerUnread", {
                            count: root.user.unreadNotifications,
                          })
                        : t("comments.notifications.headerLink")}
                    </Link>
                  </li>
                  <li>
                    <form
                      method="post"
                      action="/logout"
                      onSubmit={(event) => {
                        // Offline document copies must not outlive the session on this computer.
                        event.preventDefault();
                        const form = event.currentTarget;
                        if (
                          hasUnsyncedOfflineChanges() &&
                          !window.confirm(t("layout.logoutUnsynced"))
                        )
                          return;
                        void clearOfflineCopies().finally(() => form.submit());
                      }}
                    >
                      <button type="submit" className="link-button">
                        {t("layout.logout")}
                      </button>
                    </form>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <Link to={loginHref}>{t("layout.login")}</Link>
                  </li>
                  <li>
                    <Link to="/signup">{t("layout.signup")}</Link>
                  </li>
                </>
              )}
              <li>
                <form method="post" action="/set-language">
                  <input type="hidden" name="locale" value={root?.locale === "en" ? "nl" : "en"} />
                  <input type="hidden" name="redirectTo" value={here} />
                  <button
                    type="submit"
                    className="link-button"
                    lang={root?.locale === "en" ? "nl" : "en"}
                    aria-label={t("layout.switchLanguageLabel")}
                  >
                    {t("layout.switchLanguage")}
                  </button>
                </form>
              </li>
            </ul>
          </nav>
        </div>
        {root?.user ? (
          <p className="container signed-in">{t("layout.signedInAs", { name: root.user.name })}</p>
        ) : null}
      </header>
      <main id="main" tabIndex={-1} className="container">
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t("layout.footer")}</p>
          <ul className="footer-links">
            <li>
              <Link to="/privacy">{t("layout.privacy")}</Link>
            </li>
            <li>
              <Link to="/accessibility">{t("layout.accessibility")}</Link>
            </li>
            {root?.showDevTools ? (
              <li>
                <Link to="/dev/outbox">{t("layout.devOutbox")}</Link>
              </li>
            ) : null}
          </ul>
        </div>
      </footer>
    </>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const root = useRouteLoaderData<typeof loader>("root");
  const t = translator(root?.locale ?? DEFAULT_LOCALE);
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (isRouteErrorResponse(error) && status === 429)
    return <TooManyRequests t={t} answer={error.data} />;
  const [title, body] =
    status === 404
      ? [t("error.notFoundTitle"), t("error.notFoundBody")]
      : status === 403
        ? [t("error.forbiddenTitle"), t("error.forbiddenBody")]
        : status === 400
          ? [t("error.badRequestTitle"), t("error.badRequestBody")]
          : [t("error.genericTitle"), t("error.genericBody")];
  return (
    <section className="error-page" aria-labelledby="error-title">
      <title>{`${title} · ${t("meta.siteName")}`}</title>
      <h1 id="error-title">{title}</h1>
      <p>{body}</p>
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </section>
  );
}

/** Remembers every form submission in flight (navigation or fetcher), for a 429 to resend. */
function useRememberSubmissions() {
  const navigation = useNavigation();
  const fetchers = useFetchers();
  useEffect(() => {
    if (navigation.state === "submitting" && navigation.formData) {
      rememberSubmission({
        action: navigation.formAction,
        method: navigation.formMethod,
        formData: navigation.formData,
        viaFetcher: false,
      });
    }
  }, [navigation]);
  useEffect(() => {
    for (const f of fetchers) {
      if (f.state === "submitting" && f.formData && f.formAction && f.formMethod)
        rememberSubmission({
          action: f.formAction,
          method: f.formMethod,
          formData: f.formData,
          viaFetcher: true,
        });
    }
  }, [fetchers]);
}

/** The server's answer to a refused request: `{ message, retryAfterSeconds }` (server/request-limits.ts). */
function readRefusal(answer: unknown): { message?: string; retryAfterSeconds: number } {
  try {
    const parsed = typeof answer === "string" ? (JSON.parse(answer) as unknown) : answer;
    if (parsed && typeof parsed === "object") {
      const { message, retryAfterSeconds } = parsed as Record<string, unknown>;
      return {
        message: typeof message === "string" ? message : undefined,
        retryAfterSeconds:
          typeof retryAfterSeconds === "number" && retryAfterSeconds > 0
            ? Math.min(retryAfterSeconds, 3600)
            : 10,
      };
    }
  } catch {
    // Not JSON: a plain message.
  }
  return {
    message: typeof answer === "string" && answer ? answer : undefined,
    retryAfterSeconds: 10,
  };
}

/**
 * HTTP 429: the rate limit refused a submission. Says so, counts down the server's Retry-After
 * and then offers to send the very same form again, so nothing typed is lost.
 */
function TooManyRequests({ t, answer }: { t: Translate; answer: unknown }) {
  const refusal = readRefusal(answer);
  const [submission] = useState<Submission | null>(() =>
    typeof window === "undefined" ? null : takeRecentSubmission(),
  );
  const [left, setLeft] = useState(refusal.retryAfterSeconds);
  const [sending, setSending] = useState(false);
  const submit = useSubmit();
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  const here = location.pathname + location.search;

  async function resend() {
    if (!submission) return;
    setSending(true);
    const options = {
      method: submission.method as "post",
      action: submission.action,
    };
    if (submission.viaFetcher) {
      // As it was sent: without leaving the page; then the page comes back, up to date.
      await submit(submission.formData, { ...options, navigate: false, fetcherKey: "resend" });
      await navigate(here, { replace: true });
    } else {
      await submit(submission.formData, { ...options, replace: true });
    }
  }

  return (
    <section className="error-page" aria-labelledby="error-title" data-testid="too-many-requests">
      <title>{`${t("error.tooManyRequestsTitle")} · ${t("meta.siteName")}`}</title>
      <h1 id="error-title">{t("error.tooManyRequestsTitle")}</h1>
      <p>{refusal.message ?? t("error.tooManyRequestsBody")}</p>
      {submission ? (
        <>
          <p>{t("error.resendKept")}</p>
          <p role="status">{left > 0 ? t("error.resendIn", { seconds: left }) : null}</p>
          <p>
            <button
              type="button"
              className="button"
              disabled={left > 0 || sending}
              onClick={() => void resend()}
            >
              {t("error.resend")}
            </button>
          </p>
        </>
      ) : null}
      <p>
        <Link to={here} replace>
          {t("error.backToPage")}
        </Link>
      </p>
    </section>
  );
}
