// One job: BankID QR while it waits for a scan, live timeline, live view, result, cancel.
import { useEffect, useRef, useState } from "react";
import { api, socketUrl } from "../api/client";
import { EventStream, type StreamState } from "../api/eventStream";
import type { JobView, StreamMessage, WireType } from "../api/types";
import { Busy, ErrorBox, Page, StatusChip } from "../components/common";
import { LiveView } from "../components/LiveView";
import { QrPanel, type QrFrame } from "../components/QrPanel";
import { ResultCard } from "../components/ResultCard";
import { Timeline } from "../components/Timeline";
import { useI18n } from "../i18n";
import { describe } from "./Jobs";

// A replayed QR older than this was drawn long ago: it is history, not something to scan.
const REPLAYED_QR_MAX_AGE_MS = 10_000;
// Events after which the job may have ended (or been requeued): re-read it.
const RELOAD_ON = new Set<WireType>(["booking_completed", "job_failed", "job_cancelled", "task_completed", "task_failed", "job_requeued"]);
const TERMINAL = new Set(["completed", "failed", "cancelled"]);
const QR_STEPS = new Set(["qr_waiting", "bankid", "login"]);

export function JobPage({ jobId }: { jobId: string }) {
  const { t } = useI18n();
  const [job, setJob] = useState<JobView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [events, setEvents] = useState<StreamMessage[]>([]);
  const [qr, setQr] = useState<QrFrame | null>(null);
  const [stream, setStream] = useState<StreamState>("connecting");
  const [cancelling, setCancelling] = useState(false);
  const [takenOver, setTakenOver] = useState(false);
  const reload = useRef<() => void>(() => undefined);

  useEffect(() => {
    let alive = true;
    const load = () =>
      api<JobView>(`/api/v1/jobs/${jobId}`).then(
        (found) => alive && setJob(found),
        (err) => alive && setError(err),
      );
    reload.current = () => void load();
    void load();
    const events = new EventStream({
      url: (after) => socketUrl(`/ws/${jobId}?after=${after}`),
      onState: (state) => alive && setStream(state),
      onEvent: (message) => {
        if (!alive) return;
        setEvents((old) => [...old, message]);
        if (message.type === "qr_update" && message.image_data) {
          const age = Date.now() - Date.parse(message.timestamp);
          if (!(age > REPLAYED_QR_MAX_AGE_MS)) setQr({ image: message.image_data, receivedAt: Date.now() });
        }
        const data = message.data as { status?: string; progress?: number; message?: string };
        if (message.type === "status_update" && data.status) {
          setJob((old) => (old ? { ...old, status: data.status as JobView["status"], progress: data.progress ?? old.progress, message: data.message ?? old.message } : old));
          if (!QR_STEPS.has(data.status)) setQr(null);
        }
        // A person holds the browser now (a takeover): no QR is the thing to scan until it resumes.
        const asked = message.data as { action?: string; message?: string };
        if (message.type === "human_needed" && asked.action === "takeover") {
          setQr(null);
          setTakenOver(true);
          if (asked.message) setJob((old) => (old ? { ...old, message: asked.message ?? old.message } : old));
        }
        if (message.type === "status_update" && (message.data as { resumed?: boolean }).resumed) setTakenOver(false);
        if (RELOAD_ON.has(message.type)) {
          setQr(null);
          void load();
        }
      },
    });
    events.start();
    return () => {
      alive = false;
      events.stop();
    };
  }, [jobId]);

  const cancel = async () => {
    setCancelling(true);
    try {
      await api(`/api/v1/jobs/${jobId}/cancel`, { method: "POST" });
      reload.current();
    } catch (err) {
      setError(err);
    } finally {
      setCancelling(false);
    }
  };

  const running = !!job && !TERMINAL.has(job.state);
  return (
    <Page
      title={job ? describe(job) : t("job.title")}
      actions={
        running && (
          <button type="button" className="danger" onClick={cancel} disabled={cancelling}>
            {cancelling ? t("common.loading") : t("job.cancel")}
          </button>
        )
      }
    >
      <ErrorBox error={error} />
      {!job && !error && <Busy />}
      {job && (
        <>
          <div className="card job-head">
            <StatusChip status={takenOver && running ? "taken_over" : job.status} />
            <progress max={100} value={job.progress} aria-label={t("job.progress")} />
            <span data-testid="job-message">{job.message}</span>
            <span className="muted">{job.job_id}</span>
            <span className="muted" role="status">{t(`stream.${stream}`)}</span>
          </div>
          <div className="job-grid">
            <div>
              <QrPanel frame={takenOver ? null : qr} waiting={job.status === "qr_waiting" && !takenOver} />
              <ResultCard result={job.result} error={job.error} />
              {job.workflow === "trafikverket.book" && <LiveView jobId={jobId} running={running} />}
            </div>
            <Timeline events={events} />
          </div>
        </>
      )}
    </Page>
  );
}
