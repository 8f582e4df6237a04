// The shell: header navigation, language switch and the screen for the current path.
import { useEffect, useState } from "react";
import { api } from "./api/client";
import { loadSession, onSessionChange, saveSession, type Session } from "./api/session";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { LANGUAGES, useI18n, type Lang } from "./i18n";
import { Link, navigate, usePath } from "./router";
import { AuthScreen } from "./screens/Auth";
import { FormsScreen } from "./screens/Forms";
import { HealthScreen } from "./screens/Health";
import { JobPage } from "./screens/JobPage";
import { JobsScreen } from "./screens/Jobs";
import { NewBookingScreen } from "./screens/NewBooking";
import { SessionsScreen } from "./screens/Sessions";
import { SettingsScreen } from "./screens/Settings";
import { UserSettingsProvider, bodyOf, useUserSettings } from "./userSettings";

const PUBLIC = ["signin", "register", "verify", "forgot", "reset", "token"] as const;
type PublicMode = (typeof PUBLIC)[number];

function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  const { settings, save } = useUserSettings();
  const choose = (next: Lang) => {
    setLang(next);
    // Signed in: the choice is the person's, on every device. A failed save keeps it here only.
    if (settings) void save({ ...bodyOf(settings), language: next }).catch(() => undefined);
  };
  return (
    <label className="lang">
      <span className="sr-only">{t("settings.language")}</span>
      <select value={lang} onChange={(e) => choose(e.target.value as Lang)} aria-label={t("settings.language")}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code}>{l.name}</option>
        ))}
      </select>
    </label>
  );
}

function Screen({ path, session }: { path: string; session: Session }) {
  const route = path.split("?")[0];
  const job = route.match(/^\/jobs\/([^/]+)$/);
  if (job) return <JobPage jobId={decodeURIComponent(job[1])} />;
  switch (route) {
    case "/book":
      return <NewBookingScreen />;
    case "/forms":
      return <FormsScreen />;
    case "/sessions":
      return <SessionsScreen />;
    case "/settings":
      return <SettingsScreen isAdmin={session.isAdmin} />;
    case "/system":
      return <HealthScreen />;
    default:
      return <JobsScreen />;
  }
}

export function App() {
  const { t } = useI18n();
  const path = usePath();
  const [session, setSession] = useState<Session | null>(loadSession);
  useEffect(() => onSessionChange(setSession), []);

  const route = path.split("?")[0].slice(1);
  const isPublic = (PUBLIC as readonly string[]).includes(route);
  useEffect(() => {
    if (!session && !isPublic) navigate("/signin", true);
    if (session && isPublic) navigate("/jobs", true);
  }, [session, isPublic]);

  const signOut = async () => {
    if (session?.refreshToken) {
      await api("/api/auth/logout", { body: { refreshToken: session.refreshToken } }).catch(() => undefined);
    }
    saveSession(null);
  };

  const nav = [
    { to: "/jobs", label: t("nav.jobs") },
    { to: "/book", label: t("nav.book") },
    { to: "/forms", label: t("nav.forms") },
    { to: "/sessions", label: t("nav.sessions") },
    { to: "/settings", label: t("nav.settings") },
    ...(session?.isAdmin ? [{ to: "/system", label: t("nav.health") }] : []),
  ];
  const current = "/" + route;

  return (
    <UserSettingsProvider signedIn={session ? (session.email ?? session.accessToken) : null}>
      <a href="#main" className="skip">{t("nav.skip")}</a>
      <header className="top">
        <Link to="/jobs" className="brand">Gofer</Link>
        {session && (
          <nav aria-label={t("nav.main")}>
            <ul>
              {nav.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={current.startsWith(item.to) ? "page" : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="top-right">
          <LanguageSwitch />
          {session && (
            <button type="button" className="small" onClick={() => void signOut()}>
              {t("nav.signout")}
            </button>
          )}
        </div>
      </header>
      <main id="main">
        <ErrorBoundary resetKey={path} message={t("common.crashed")} back={t("nav.jobs")}>
          {isPublic ? <AuthScreen mode={route as PublicMode} key={route} /> : session ? <Screen path={path} session={session} /> : null}
        </ErrorBoundary>
      </main>
    </UserSettingsProvider>
  );
}
