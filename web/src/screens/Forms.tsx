// The forms assistant: chat (and voice) on the left, the form's live page and filled fields beside.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { ExecuteAnswer } from "../api/types";
import { Busy, ErrorBox, MicIcon, Page } from "../components/common";
import { VoiceButton, type TranscriptLine } from "../components/VoiceButton";
import { useI18n } from "../i18n";
import { useUserSettings } from "../userSettings";

interface Turn {
  role: "user" | "assistant";
  text: string;
  spoken?: boolean; // heard or said in a voice call
}

interface Source {
  value: string;
  from: string; // the message that set it
}

const SUBMIT_MESSAGE = "submit the form";

export function FormsScreen() {
  const { t, lang } = useI18n();
  const { settings } = useUserSettings();
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [turns, setTurns] = useState<Turn[]>([]);
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [answer, setAnswer] = useState<ExecuteAnswer | null>(null);
  const [fields, setFields] = useState<Record<string, Source>>({});
  const [liveUrl, setLiveUrl] = useState<string | null>(null);
  const log = useRef<HTMLOListElement>(null);

  useEffect(() => {
    log.current?.lastElementChild?.scrollIntoView({ block: "nearest" });
  }, [turns]);

  const send = async (text: string) => {
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    setTurns((old) => [...old, { role: "user", text }]);
    try {
      const body: Record<string, unknown> = { user_message: text };
      if (sessionId) body.session_id = sessionId;
      const reply = await api<ExecuteAnswer>("/api/execute", { body });
      setSessionId(reply.session_id);
      setAnswer(reply);
      setTurns((old) => [...old, { role: "assistant", text: [reply.result, reply.question].filter(Boolean).join(" ") }]);
      setFields((old) => {
        const next: Record<string, Source> = {};
        for (const [name, value] of Object.entries(reply.filled ?? {})) {
          const changed = name in (reply.changes ?? {}) || !(name in old) || old[name].value !== value;
          next[name] = { value, from: changed ? text : old[name].from };
        }
        return next;
      });
      const live = await api<{ live_url: string | null; form_url?: string | null }>(`/api/live?session_id=${encodeURIComponent(reply.session_id)}`).catch(() => null);
      // The job's live view while a browser is active, else the conversation's own form page.
      const shown = live?.live_url ?? live?.form_url ?? null;
      if (shown) setLiveUrl(shown);
    } catch (err) {
      setError(err);
      setTurns((old) => [...old, { role: "assistant", text: (err as Error).message }]);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = message;
    setMessage("");
    void send(text);
  };

  const onTranscript = (line: TranscriptLine) =>
    setTurns((old) => [...old, { role: line.role === "user" ? "user" : "assistant", text: line.text, spoken: true }]);
  const missing = answer?.missing ?? [];

  return (
    <Page
      title={t("forms.title")}
      actions={
        sessionId && (
          <button type="button" onClick={() => { setSessionId(null); setTurns([]); setFields({}); setAnswer(null); setLiveUrl(null); }}>
            {t("forms.new")}
          </button>
        )
      }
    >
      <div className="forms-grid">
        <section className="card chat" aria-labelledby="chat-title">
          <h2 id="chat-title">{t("forms.chat")}</h2>
          {sessionId && <p className="muted small-text">{t("forms.session")} <code data-testid="forms-session">{sessionId}</code></p>}
          <ol className="chat-log" ref={log} aria-live="polite" tabIndex={0} aria-labelledby="chat-title">
            {turns.length === 0 && <li className="muted">{t("forms.hint")}</li>}
            {turns.map((turn, index) => (
              <li key={index} className={`bubble bubble-${turn.role}${turn.spoken ? " bubble-spoken" : ""}`}>
                <span className="sr-only">{turn.role === "user" ? t("forms.you") : "Gofer"}: </span>
                {turn.spoken && <MicIcon label={t("forms.spoken")} />}
                {turn.text}
              </li>
            ))}
          </ol>
          {busy && <Busy label={t("forms.working")} />}
          <ErrorBox error={error} />
          <form onSubmit={submit} className="chat-input">
            <label className="grow">
              <span className="sr-only">{t("forms.message")}</span>
              <textarea
                value={message}
                rows={2}
                placeholder={t("forms.placeholder")}
                onChange={(e) => setMessage(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" && !e.shiftKey) submit(e);
                }}
              />
            </label>
            <button type="submit" className="primary" disabled={busy || !message.trim()}>
              {t("forms.send")}
            </button>
          </form>
          <VoiceButton sessionId={sessionId} language={settings?.voice_language ?? lang} onTranscript={onTranscript} onSession={setSessionId} />
        </section>
        <section className="card" aria-labelledby="fields-title">
          <h2 id="fields-title">{t("forms.fields", { form: answer?.form ?? "—" })}</h2>
          {answer?.steps ? <p className="muted">{t("forms.step", { step: answer.step ?? 1, steps: answer.steps })}</p> : null}
          {Object.keys(fields).length === 0 ? (
            <p className="muted">{t("forms.noFields")}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="fields-title"><table className="fields" data-testid="filled-fields">
              <thead>
                <tr>
                  <th scope="col">{t("forms.field")}</th>
                  <th scope="col">{t("forms.value")}</th>
                  <th scope="col">{t("forms.source")}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(fields).map(([name, source]) => (
                  <tr key={name}>
                    <th scope="row">{name}</th>
                    <td>{source.value}</td>
                    <td className="muted source" title={source.from}>“{source.from.length > 48 ? `${source.from.slice(0, 47)}…` : source.from}”</td>
                  </tr>
                ))}
              </tbody>
            </table></div>
          )}
          {missing.length > 0 && <p>{t("forms.missing", { fields: missing.join(", ") })}</p>}
          {answer?.submitted ? (
            <p className="ok" role="status" data-testid="form-submitted">{t("forms.submitted")}</p>
          ) : (
            answer && (
              <button type="button" className="primary" disabled={busy} onClick={() => void send(SUBMIT_MESSAGE)}>
                {t("forms.confirm")}
              </button>
            )
          )}
          {liveUrl && <iframe key={answer?.job_id} className="live-frame" src={liveUrl} title={t("forms.live")} />}
        </section>
      </div>
    </Page>
  );
}
