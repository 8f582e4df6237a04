// The job's browser, watched live, with "take over" — when this server offers the live view.
import { useEffect, useState } from "react";
import { api } from "../api/client";
import { hasPath } from "../api/capabilities";
import { useI18n } from "../i18n";
import { Busy, ErrorBox } from "./common";

const LIVE = "/api/v1/jobs/{job_id}/live";
const TAKEOVER = "/api/v1/jobs/{job_id}/live/takeover";

function viewerUrl(answer: Record<string, unknown>): string | null {
  for (const key of ["viewer_url", "live_url", "url"]) {
    if (typeof answer[key] === "string") return answer[key] as string;
  }
  return null;
}

export function LiveView({ jobId, running }: { jobId: string; running: boolean }) {
  const { t } = useI18n();
  const [available, setAvailable] = useState<boolean | null>(null);
  const [canTakeOver, setCanTakeOver] = useState(false);
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tookOver, setTookOver] = useState(false);

  useEffect(() => {
    void hasPath(LIVE).then(setAvailable);
    void hasPath(TAKEOVER).then(setCanTakeOver);
  }, []);

  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api<Record<string, unknown>>(`/api/v1/jobs/${jobId}/live`, { method: "POST", body: {} });
      setUrl(viewerUrl(answer));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const takeOver = async () => {
    try {
      await api(`/api/v1/jobs/${jobId}/live/takeover`, { method: "POST", body: {} });
      setTookOver(true);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="card" aria-labelledby="live-title">
      <h2 id="live-title">{t("live.title")}</h2>
      {available === null && <Busy />}
      {available === false && <p className="muted" data-testid="live-unavailable">{t("common.unavailable")}</p>}
      {available && !url && (
        <button type="button" onClick={open} disabled={busy || !running}>
          {t("live.open")}
        </button>
      )}
      {busy && <Busy />}
      <ErrorBox error={error} />
      {url && (
        <>
          <iframe className="live-frame" src={url} title={t("live.title")} />
          <button type="button" className="primary" onClick={takeOver} disabled={!canTakeOver || tookOver}>
            {tookOver ? t("live.yours") : t("live.takeOver")}
          </button>
          {!canTakeOver && <p className="muted">{t("live.noTakeover")}</p>}
        </>
      )}
    </section>
  );
}
