// The booking form: licence, exam, vehicle or language, up to 4 of the site's locations, window.
import { useEffect, useState, type FormEvent } from "react";
import { ApiError, api } from "../api/client";
import type { BookingChoices } from "../api/types";
import { Busy, ErrorBox, Page } from "../components/common";
import { useI18n, type MessageKey } from "../i18n";
import { navigate } from "../router";

const WEEKDAYS: MessageKey[] = ["day.1", "day.2", "day.3", "day.4", "day.5", "day.6", "day.7"];

interface Started {
  job_id: string;
}

export function NewBookingScreen() {
  const { t } = useI18n();
  const [choices, setChoices] = useState<BookingChoices | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [licence, setLicence] = useState("B");
  const [exam, setExam] = useState("Körprov");
  const [vehicle, setVehicle] = useState("manual");
  const [language, setLanguage] = useState("sv");
  const [locations, setLocations] = useState<string[]>([]);
  const [dateFrom, setDateFrom] = useState("");
  const [dateTo, setDateTo] = useState("");
  const [timeFrom, setTimeFrom] = useState("");
  const [timeTo, setTimeTo] = useState("");
  const [weekdays, setWeekdays] = useState<number[]>([1, 2, 3, 4, 5, 6, 7]);
  const [autoBook, setAutoBook] = useState(true);
  const [monitorUntil, setMonitorUntil] = useState("");
  const [webhookUrl, setWebhookUrl] = useState("");

  useEffect(() => {
    api<BookingChoices>("/api/v1/booking/locations").then(setChoices, setError);
  }, []);

  const toggleLocation = (name: string) =>
    setLocations((old) => (old.includes(name) ? old.filter((n) => n !== name) : old.length < 4 ? [...old, name] : old));
  const toggleDay = (day: number) =>
    setWeekdays((old) => (old.includes(day) ? old.filter((d) => d !== day) : [...old, day].sort()));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (locations.length === 0) {
      setError(new ApiError(t("book.pickLocation"), 422, "validation_error", "locations"));
      return;
    }
    const body: Record<string, unknown> = { license_type: licence, exam_type: exam, locations, auto_book: autoBook };
    if (exam === "Körprov") body.vehicle = vehicle;
    else body.language = language;
    if (dateFrom) body.date_from = dateFrom;
    if (dateTo) body.date_to = dateTo;
    if (timeFrom) body.time_from = timeFrom;
    if (timeTo) body.time_to = timeTo;
    if (weekdays.length < 7) body.weekdays = weekdays;
    if (monitorUntil) body.monitor_until = new Date(monitorUntil).toISOString();
    if (webhookUrl.trim()) body.webhook_url = webhookUrl.trim();
    setBusy(true);
    setError(null);
    try {
      const started = await api<Started>("/api/v1/booking/start", { body });
      navigate(`/jobs/${started.job_id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t("book.title")}>
      {!choices && !error && <Busy />}
      {choices && (
        <form className="card form-grid" onSubmit={submit} noValidate>
          <label>
            {t("book.licence")}
            <select value={licence} onChange={(e) => setLicence(e.target.value)}>
              {choices.licence_types.map((code) => <option key={code}>{code}</option>)}
            </select>
          </label>
          <label>
            {t("book.exam")}
            <select value={exam} onChange={(e) => setExam(e.target.value)}>
              {choices.exam_types.map((name) => <option key={name}>{name}</option>)}
            </select>
          </label>
          {exam === "Körprov" ? (
            <label>
              {t("book.vehicle")}
              <select value={vehicle} onChange={(e) => setVehicle(e.target.value)}>
                {Object.entries(choices.vehicles).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
              </select>
            </label>
          ) : (
            <label>
              {t("book.language")}
              <select value={language} onChange={(e) => setLanguage(e.target.value)}>
                {Object.entries(choices.languages).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
              </select>
            </label>
          )}
          <fieldset className="wide locations">
            <legend>{t("book.locations", { n: locations.length, max: choices.max_locations })}</legend>
            {choices.locations.map((name) => (
              <label key={name} className="check">
                <input
                  type="checkbox"
                  checked={locations.includes(name)}
                  disabled={!locations.includes(name) && locations.length >= choices.max_locations}
                  onChange={() => toggleLocation(name)}
                />
                {name}
              </label>
            ))}
          </fieldset>
          <label>
            {t("book.dateFrom")}
            <input type="date" value={dateFrom} onChange={(e) => setDateFrom(e.target.value)} />
          </label>
          <label>
            {t("book.dateTo")}
            <input type="date" value={dateTo} onChange={(e) => setDateTo(e.target.value)} />
          </label>
          <label>
            {t("book.timeFrom")}
            <input type="time" value={timeFrom} onChange={(e) => setTimeFrom(e.target.value)} />
          </label>
          <label>
            {t("book.timeTo")}
            <input type="time" value={timeTo} onChange={(e) => setTimeTo(e.target.value)} />
          </label>
          <fieldset className="wide">
            <legend>{t("book.weekdays")}</legend>
            {WEEKDAYS.map((key, index) => (
              <label key={key} className="check">
                <input type="checkbox" checked={weekdays.includes(index + 1)} onChange={() => toggleDay(index + 1)} />
                {t(key)}
              </label>
            ))}
          </fieldset>
          <label className="check wide">
            <input type="checkbox" checked={autoBook} onChange={(e) => setAutoBook(e.target.checked)} />
            {t("book.autoBook")}
          </label>
          <label>
            {t("book.monitorUntil")}
            <input type="datetime-local" value={monitorUntil} onChange={(e) => setMonitorUntil(e.target.value)} />
          </label>
          <label>
            {t("book.webhook")}
            <input type="url" value={webhookUrl} onChange={(e) => setWebhookUrl(e.target.value)} placeholder="https://…" />
          </label>
          <div className="wide">
            <ErrorBox error={error} />
            <button type="submit" className="primary" disabled={busy}>
              {t("book.start")}
            </button>
            {busy && <Busy />}
          </div>
        </form>
      )}
      {!choices && <ErrorBox error={error} />}
    </Page>
  );
}
