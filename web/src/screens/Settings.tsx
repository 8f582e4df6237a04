// Settings: API keys, webhook endpoints (with their delivery log) and the person's own settings,
// kept on the server (GET/PUT /api/v1/me/settings).
import { useEffect, useId, useState, type FormEvent, type ReactNode } from "react";
import { api } from "../api/client";
import type { components } from "../api/schema";
import type { AttemptList, EndpointCreated, EndpointList, KeyCreated, KeyList, MessagePage, UserSettingsBody } from "../api/types";
import { Busy, ErrorBox, Page, StatusChip, formatTime } from "../components/common";
import EVENT_TYPES from "../data/eventTypes.json";
import { LANGUAGES, useI18n, type Lang } from "../i18n";
import { bodyOf, useUserSettings } from "../userSettings";

type Endpoint = components["schemas"]["EndpointView"];

function SecretOnce({ secret, label }: { secret: string; label: string }) {
  const { t } = useI18n();
  return (
    <div className="secret" role="status">
      <p>{t("settings.secretOnce")}</p>
      <label>
        {label}
        <input readOnly value={secret} data-testid="secret-value" onFocus={(e) => e.target.select()} />
      </label>
      <button type="button" onClick={() => void navigator.clipboard?.writeText(secret)}>
        {t("common.copy")}
      </button>
    </div>
  );
}

function ApiKeys() {
  const { t, lang } = useI18n();
  const [keys, setKeys] = useState<KeyList | null>(null);
  const [name, setName] = useState("");
  const [created, setCreated] = useState<KeyCreated | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const load = () => api<KeyList>("/api/keys").then(setKeys, setError);
  useEffect(() => void load(), []);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setCreated(await api<KeyCreated>("/api/keys", { body: { name } }));
      setName("");
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (id: string) => {
    try {
      await api(`/api/keys/${id}`, { method: "DELETE" });
      await load();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="card" aria-labelledby="keys-title">
      <h2 id="keys-title">{t("settings.keys")}</h2>
      <form className="inline-form" onSubmit={create}>
        <label>
          {t("settings.keyName")}
          <input required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={busy || !name.trim()}>
          {t("settings.createKey")}
        </button>
      </form>
      {created && <SecretOnce secret={created.secret} label={t("settings.newKey", { name: created.key.name })} />}
      <ErrorBox error={error} />
      {!keys && !error && <Busy />}
      {keys && keys.keys.length === 0 && <p className="muted">{t("settings.noKeys")}</p>}
      {keys && keys.keys.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="keys-title"><table data-testid="api-keys">
          <thead>
            <tr>
              <th scope="col">{t("settings.keyName")}</th>
              <th scope="col">{t("settings.prefix")}</th>
              <th scope="col">{t("settings.lastUsed")}</th>
              <th scope="col">{t("jobs.status")}</th>
            </tr>
          </thead>
          <tbody>
            {keys.keys.map((key) => (
              <tr key={key.id}>
                <th scope="row">{key.name}</th>
                <td><code>{key.prefix}</code></td>
                <td>{formatTime(key.last_used_at, lang)}</td>
                <td>
                  {key.revoked ? (
                    <StatusChip status="revoked" />
                  ) : (
                    <button type="button" className="small danger" onClick={() => void revoke(key.id)} aria-label={t("settings.revokeNamed", { name: key.name })}>
                      {t("settings.revoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </section>
  );
}

function DeliveryLog({ endpoint }: { endpoint: Endpoint }) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState<MessagePage | null>(null);
  const [attempts, setAttempts] = useState<Record<string, AttemptList>>({});
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const load = () => api<MessagePage>(`/api/v1/webhooks/messages?endpoint_id=${endpoint.id}&limit=20`).then(setPage, setError);
  useEffect(() => {
    void load();
    const timer = setInterval(load, 3000);
    return () => clearInterval(timer);
  }, [endpoint.id]);

  const test = async () => {
    try {
      await api(`/api/v1/webhooks/endpoints/${endpoint.id}/test`, { method: "POST", body: {} });
      setNote(t("settings.testSent"));
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const redeliver = async (id: string) => {
    try {
      await api(`/api/v1/webhooks/messages/${id}/redeliver`, { method: "POST" });
      setNote(t("settings.redelivering"));
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const showAttempts = async (id: string) => {
    try {
      const list = await api<AttemptList>(`/api/v1/webhooks/messages/${id}/attempts`);
      setAttempts((old) => ({ ...old, [id]: list }));
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div className="delivery-log">
      <div className="row">
        <h3>{t("settings.deliveries")}</h3>
        <button type="button" onClick={() => void test()}>{t("settings.sendTest")}</button>
      </div>
      {note && <p role="status">{note}</p>}
      <ErrorBox error={error} />
      {!page && !error && <Busy />}
      {page && page.messages.length === 0 && <p className="muted">{t("settings.noDeliveries")}</p>}
      {page && page.messages.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t("settings.deliveries")}><table data-testid="delivery-log">
          <thead>
            <tr>
              <th scope="col">{t("settings.event")}</th>
              <th scope="col">{t("jobs.status")}</th>
              <th scope="col">{t("settings.attempts")}</th>
              <th scope="col">{t("settings.when")}</th>
              <th scope="col"><span className="sr-only">{t("settings.actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {page.messages.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.event_type}</th>
                <td><StatusChip status={m.status} /></td>
                <td>
                  <button type="button" className="link" onClick={() => void showAttempts(m.id)}>
                    {m.attempt_count}
                  </button>
                  {attempts[m.id] && (
                    <ul className="attempts">
                      {attempts[m.id].attempts.map((a) => (
                        <li key={a.number}>
                          #{a.number}: {a.status_code ?? a.error ?? "—"} ({a.latency_ms} ms)
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{formatTime(m.delivered_at ?? m.last_attempt_at ?? m.created_at, lang)}</td>
                <td>
                  <button type="button" className="small" onClick={() => void redeliver(m.id)}>
                    {t("settings.redeliver")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </div>
  );
}

function Webhooks() {
  const { t } = useI18n();
  const [list, setList] = useState<EndpointList | null>(null);
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [types, setTypes] = useState<string[]>([]);
  const [created, setCreated] = useState<EndpointCreated | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const load = () => api<EndpointList>("/api/v1/webhooks/endpoints").then(setList, setError);
  useEffect(() => void load(), []);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const endpoint = await api<EndpointCreated>("/api/v1/webhooks/endpoints", { body: { url, description, event_types: types } });
      setCreated(endpoint);
      setOpen(endpoint.id);
      setUrl("");
      setDescription("");
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (id: string) => {
    try {
      await api(`/api/v1/webhooks/endpoints/${id}`, { method: "DELETE" });
      await load();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="card" aria-labelledby="hooks-title">
      <h2 id="hooks-title">{t("settings.webhooks")}</h2>
      <form className="form-grid" onSubmit={create}>
        <label>
          {t("settings.url")}
          <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…" />
        </label>
        <label>
          {t("settings.description")}
          <input value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <fieldset className="wide">
          <legend>{t("settings.eventFilter")}</legend>
          {EVENT_TYPES.map((type) => (
            <label key={type} className="check">
              <input
                type="checkbox"
                checked={types.includes(type)}
                onChange={() => setTypes((old) => (old.includes(type) ? old.filter((x) => x !== type) : [...old, type]))}
              />
              {type}
            </label>
          ))}
        </fieldset>
        <div className="wide">
          <button type="submit" className="primary" disabled={busy || !url.trim()}>
            {t("settings.addEndpoint")}
          </button>
        </div>
      </form>
      {created && <SecretOnce secret={created.secret} label={t("settings.signingSecret")} />}
      <ErrorBox error={error} />
      {!list && !error && <Busy />}
      {list?.endpoints.length === 0 && <p className="muted">{t("settings.noEndpoints")}</p>}
      <ul className="plain-list">
        {list?.endpoints.map((endpoint) => (
          <li key={endpoint.id} className="card endpoint">
            <div className="row">
              <strong className="break">{endpoint.url}</strong>
              <StatusChip status={endpoint.status} />
              <span className="muted">{endpoint.event_types.length ? endpoint.event_types.join(", ") : t("settings.allEvents")}</span>
              <button type="button" className="small" aria-expanded={open === endpoint.id} onClick={() => setOpen(open === endpoint.id ? null : endpoint.id)}>
                {t("settings.deliveries")}
              </button>
              {endpoint.kind === "registered" && (
                <button type="button" className="small danger" onClick={() => void remove(endpoint.id)} aria-label={t("settings.deleteNamed", { name: endpoint.url })}>
                  {t("common.delete")}
                </button>
              )}
            </div>
            {open === endpoint.id && <DeliveryLog endpoint={endpoint} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

// A label beside (not around) its control, so the control is named by the label alone.
function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

function Preferences() {
  const id = useId();
  const { t, setLang } = useI18n();
  const { settings, save } = useUserSettings();
  const [draft, setDraft] = useState<UserSettingsBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // What the server holds, until the person edits it here.
  const shown = draft ?? (settings && bodyOf(settings));
  const edit = (change: Partial<UserSettingsBody>) => {
    if (!shown) return;
    setDraft({ ...shown, ...change });
    setSaved(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!shown) return;
    setBusy(true);
    setError(null);
    try {
      const stored = await save(shown);
      setLang(stored.language);
      setDraft(null);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="prefs-title">
      <h2 id="prefs-title">{t("settings.prefs")}</h2>
      {!shown && !error && <Busy />}
      {shown && (
        <form className="form-grid" onSubmit={submit} data-testid="preferences">
          <Field id={`${id}-language`} label={t("settings.language")}>
            <select id={`${id}-language`} value={shown.language} onChange={(e) => edit({ language: e.target.value as Lang })}>
              {LANGUAGES.map((l) => <option key={l.code} value={l.code}>{l.name}</option>)}
            </select>
          </Field>
          <Field id={`${id}-voice-language`} label={t("settings.voiceLanguage")}>
            <select id={`${id}-voice-language`} value={shown.voice_language} onChange={(e) => edit({ voice_language: e.target.value as Lang })}>
              {LANGUAGES.map((l) => <option key={l.code} value={l.code}>{l.name}</option>)}
            </select>
          </Field>
          <Field id={`${id}-voice`} label={t("settings.voice")}>
            <select id={`${id}-voice`} value={shown.voice} onChange={(e) => edit({ voice: e.target.value as UserSettingsBody["voice"] })}>
              <option value="default">{t("settings.voiceDefault")}</option>
              <option value="female">{t("settings.voiceFemale")}</option>
              <option value="male">{t("settings.voiceMale")}</option>
            </select>
          </Field>
          <Field id={`${id}-model`} label={t("settings.model")}>
            <input id={`${id}-model`} value={shown.model ?? ""} onChange={(e) => edit({ model: e.target.value })} placeholder={t("settings.modelDefault")} />
          </Field>
          <div className="wide row">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t("common.loading") : t("settings.save")}
            </button>
            {saved && <p role="status" className="ok">{t("settings.saved")}</p>}
          </div>
        </form>
      )}
      <ErrorBox error={error} />
    </section>
  );
}

export function SettingsScreen({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useI18n();
  return (
    <Page title={t("settings.title")}>
      {!isAdmin && <ApiKeys />}
      <Webhooks />
      <Preferences />
    </Page>
  );
}
