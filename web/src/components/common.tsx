// Small shared pieces: error sentence, busy indicator, status chip, page title.
import { useEffect, type ReactNode } from "react";
import { ApiError } from "../api/client";
import { translateWord, useI18n } from "../i18n";

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const text =
    error instanceof ApiError || error instanceof Error ? error.message : "Something went wrong.";
  return (
    <div className="error" role="alert">
      {text}
    </div>
  );
}

export function Busy({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="busy" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t("common.loading")}
    </div>
  );
}

const TONE: Record<string, string> = {
  completed: "ok",
  succeeded: "ok",
  active: "ok",
  revoked: "muted",
  pending: "warn",
  disabled: "bad",
  failed: "bad",
  cancelled: "muted",
  queued: "muted",
  qr_waiting: "warn",
  taken_over: "warn",
  waiting: "warn",
  monitoring: "info",
};

export function StatusChip({ status }: { status: string }) {
  const { lang } = useI18n();
  return <span className={`chip chip-${TONE[status] ?? "info"}`}>{translateWord(lang, "status", status)}</span>;
}

export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Gofer`;
  }, [title]);
  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">{title}</h1>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function formatTime(value: string | null | undefined, lang: string): string {
  if (!value) return "—";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString(lang === "vi" ? "vi-VN" : lang === "sv" ? "sv-SE" : "en-GB");
}

/** A microphone drawn in SVG (emoji fonts are not everywhere); decorative unless labelled. */
export function MicIcon({ label }: { label?: string }) {
  return (
    <svg className="mic-icon" viewBox="0 0 24 24" width="16" height="16" role={label ? "img" : undefined} aria-label={label} aria-hidden={label ? undefined : true} focusable="false">
      <path fill="currentColor" d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3Zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11h-2Z" />
    </svg>
  );
}
