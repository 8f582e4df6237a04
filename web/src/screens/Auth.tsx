// Sign in, register, verify, forgot and reset password over /api/auth/*; or paste an API token.
import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import { saveSession } from "../api/session";
import type { SignedIn } from "../api/types";
import { Busy, ErrorBox, Page } from "../components/common";
import { useI18n } from "../i18n";
import { Link, navigate } from "../router";

type Mode = "signin" | "register" | "verify" | "forgot" | "reset" | "token";

function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

function emailFromQuery(): string {
  return new URLSearchParams(location.search).get("email") ?? "";
}

export function AuthScreen({ mode }: { mode: Mode }) {
  const { t } = useI18n();
  const { busy, error, run } = useSubmit();
  const [email, setEmail] = useState(emailFromQuery);
  const [password, setPassword] = useState("");
  const [name, setName] = useState("");
  const [code, setCode] = useState("");
  const [token, setToken] = useState("");
  const [notice, setNotice] = useState<string | null>(null);

  const signIn = async () => {
    const body = await api<SignedIn>("/api/auth/login", { body: { email, password }, auth: false });
    saveSession({ accessToken: body.tokens.accessToken, refreshToken: body.tokens.refreshToken, email, isAdmin: false });
    navigate("/jobs", true);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      if (mode === "signin") await signIn();
      if (mode === "register") {
        await api("/api/auth/register", { body: { email, password, name }, auth: false });
        navigate(`/verify?email=${encodeURIComponent(email)}`);
      }
      if (mode === "verify") {
        await api("/api/auth/verify", { body: { email, code }, auth: false });
        setNotice(t("auth.verified"));
        navigate(`/signin?email=${encodeURIComponent(email)}`);
      }
      if (mode === "forgot") {
        await api("/api/auth/forgot-password", { body: { email }, auth: false });
        navigate(`/reset?email=${encodeURIComponent(email)}`);
      }
      if (mode === "reset") {
        await api("/api/auth/reset-password", { body: { email, code, newPassword: password }, auth: false });
        navigate(`/signin?email=${encodeURIComponent(email)}`);
      }
      if (mode === "token") {
        saveSession({ accessToken: token.trim(), refreshToken: null, email: null, isAdmin: false });
        const me = await api<{ user: { isAdmin?: boolean; email?: string } }>("/api/auth/me").catch((err) => {
          saveSession(null);
          throw err;
        });
        saveSession({ accessToken: token.trim(), refreshToken: null, email: me.user.email ?? null, isAdmin: !!me.user.isAdmin });
        navigate("/jobs", true);
      }
    });
  };

  const titles: Record<Mode, string> = {
    signin: t("auth.signin"),
    register: t("auth.register"),
    verify: t("auth.verify"),
    forgot: t("auth.forgot"),
    reset: t("auth.reset"),
    token: t("auth.token"),
  };
  const needsEmail = mode !== "token";
  const needsPassword = mode === "signin" || mode === "register" || mode === "reset";
  const needsCode = mode === "verify" || mode === "reset";

  return (
    <Page title={titles[mode]}>
      <form className="card auth" onSubmit={submit} noValidate>
        {mode === "verify" && <p>{t("auth.verifyHint")}</p>}
        {mode === "reset" && <p>{t("auth.resetHint")}</p>}
        {notice && <p role="status">{notice}</p>}
        {mode === "register" && (
          <label>
            {t("auth.name")}
            <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
          </label>
        )}
        {needsEmail && (
          <label>
            {t("auth.email")}
            <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" />
          </label>
        )}
        {needsCode && (
          <label>
            {t("auth.code")}
            <input inputMode="numeric" pattern="\d{6}" required value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" />
          </label>
        )}
        {needsPassword && (
          <label>
            {mode === "reset" ? t("auth.newPassword") : t("auth.password")}
            <input
              type="password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete={mode === "signin" ? "current-password" : "new-password"}
            />
          </label>
        )}
        {mode === "token" && (
          <label>
            {t("auth.tokenLabel")}
            <input type="password" required value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" />
          </label>
        )}
        <ErrorBox error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {titles[mode]}
        </button>
        {busy && <Busy />}
        <nav className="auth-links" aria-label={t("auth.other")}>
          {mode !== "signin" && <Link to="/signin">{t("auth.signin")}</Link>}
          {mode !== "register" && <Link to="/register">{t("auth.register")}</Link>}
          {mode !== "forgot" && <Link to="/forgot">{t("auth.forgot")}</Link>}
          {mode !== "verify" && <Link to="/verify">{t("auth.verify")}</Link>}
          {mode !== "token" && <Link to="/token">{t("auth.token")}</Link>}
        </nav>
      </form>
    </Page>
  );
}
