// Conversation history from /api/sessions: the list, and one conversation's messages.
import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { components } from "../api/schema";
import type { SessionList } from "../api/types";
import { Busy, ErrorBox, Page, formatTime } from "../components/common";
import { useI18n } from "../i18n";

type Detail = components["schemas"]["SessionDetail"];

export function SessionsScreen() {
  const { t, lang } = useI18n();
  const [list, setList] = useState<SessionList | null>(null);
  const [open, setOpen] = useState<Detail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const load = () => api<SessionList>("/api/sessions").then(setList, setError);
  useEffect(() => void load(), []);

  const show = async (id: string) => {
    setLoading(true);
    try {
      const answer = await api<{ session: Detail }>(`/api/sessions/${encodeURIComponent(id)}`);
      setOpen(answer.session);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };
  const remove = async (id: string) => {
    try {
      await api(`/api/sessions/${encodeURIComponent(id)}`, { method: "DELETE" });
      if (open?.session_id === id) setOpen(null);
      await load();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Page title={t("sessions.title")}>
      <ErrorBox error={error} />
      {!list && !error && <Busy />}
      {list?.sessions.length === 0 && <p className="empty">{t("sessions.none")}</p>}
      <div className="two-col">
        {list && list.sessions.length > 0 && (
          <ul className="plain-list">
            {list.sessions.map((s) => (
              <li key={s.session_id} className="card">
                <button type="button" className="link" onClick={() => void show(s.session_id)}>
                  {s.title || s.session_id}
                </button>
                <span className="muted">
                  {s.kind} · {t("sessions.messages", { n: s.message_count })} · {formatTime(s.updated_at, lang)}
                </span>
                <button type="button" className="small danger" onClick={() => void remove(s.session_id)} aria-label={t("sessions.delete", { title: s.title || s.session_id })}>
                  {t("common.delete")}
                </button>
              </li>
            ))}
          </ul>
        )}
        {loading && <Busy />}
        {open && (
          <section className="card" aria-labelledby="session-title">
            <h2 id="session-title">{open.title || open.session_id}</h2>
            <ol className="chat-log" tabIndex={0} aria-labelledby="session-title">
              {open.messages.map((m) => (
                <li key={m.id} className={`bubble bubble-${m.role}`}>
                  <span className="sr-only">{m.role}: </span>
                  {m.content}
                </li>
              ))}
            </ol>
          </section>
        )}
      </div>
    </Page>
  );
}
