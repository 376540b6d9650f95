import {
  data,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import { clearOfflineCopies, hasUnsyncedOfflineChanges } from "~/editor/offline-copies";
import { DEFAULT_LOCALE, type Locale, LocaleContext, translator, useT } from "~/i18n";
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
