// The job's browser, watched live, with "take over" and "hand back" — when this server offers
// the live view (POST /api/v1/jobs/{id}/live, /takeover, /handback); otherwise it says so.
import { useEffect, useState } from "react";
import { api } from "../api/client";
import { hasPath } from "../api/capabilities";
import type { HandbackAnswer, LiveLink } from "../api/types";
import { useI18n } from "../i18n";
import { Busy, ErrorBox } from "./common";

const LIVE = "/api/v1/jobs/{job_id}/live";
const TAKEOVER = "/api/v1/jobs/{job_id}/takeover";

type LiveAnswer = LiveLink | HandbackAnswer;

export function LiveView({ jobId, running }: { jobId: string; running: boolean }) {
  const { t } = useI18n();
  const [available, setAvailable] = useState<boolean | null>(null);
  const [canTakeOver, setCanTakeOver] = useState(false);
  const [view, setView] = useState<LiveLink | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    void hasPath(LIVE).then(setAvailable);
    void hasPath(TAKEOVER).then(setCanTakeOver);
  }, []);

  const call = async (action: "live" | "takeover" | "handback") => {
    setBusy(true);
    setError(null);
    try {
      const body = action === "live" ? { interactive: false } : action === "takeover" ? {} : undefined;
      const answer = await api<LiveAnswer>(`/api/v1/jobs/${jobId}/${action}`, { method: "POST", body });
      if ("live_url" in answer) setView(answer);
      else setView((old) => (old ? { ...old, interactive: false } : old));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="live-title">
      <h2 id="live-title">{t("live.title")}</h2>
      {available === null && <Busy />}
      {available === false && <p className="muted" data-testid="live-unavailable">{t("common.unavailable")}</p>}
      {available && !view && (
        <button type="button" onClick={() => void call("live")} disabled={busy || !running}>
          {t("live.open")}
        </button>
      )}
      {busy && <Busy />}
      <ErrorBox error={error} />
      {view && (
        <>
          <iframe className="live-frame" src={view.live_url} title={t("live.title")} />
          {view.interactive ? (
            <>
              <p role="status">{t("live.yours")}</p>
              <button type="button" onClick={() => void call("handback")} disabled={busy}>
                {t("live.handBack")}
              </button>
            </>
          ) : (
            <button type="button" className="primary" onClick={() => void call("takeover")} disabled={busy || !canTakeOver || !running}>
              {t("live.takeOver")}
            </button>
          )}
          {!canTakeOver && <p className="muted">{t("live.noTakeover")}</p>}
        </>
      )}
    </section>
  );
}
