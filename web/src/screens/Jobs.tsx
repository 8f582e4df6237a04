// The caller's jobs: status chips, filters, cursor paging, refreshed while the page is open.
import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import type { JobPage, JobView } from "../api/types";
import { Busy, ErrorBox, Page, StatusChip, formatTime } from "../components/common";
import { translateWord, useI18n } from "../i18n";
import { Link } from "../router";

// Lifecycle states, then the workflow steps people most often look for.
const STATUSES = ["", "queued", "running", "waiting", "completed", "failed", "cancelled", "qr_waiting", "monitoring"];
const WORKFLOWS = ["", "trafikverket.book", "forms.fill"];
const REFRESH_MS = 3000;

export function JobsScreen() {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState("");
  const [workflow, setWorkflow] = useState("");
  const [jobs, setJobs] = useState<JobView[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [pages, setPages] = useState(1);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const query = useCallback(
    (after: string | null, limit: number) => {
      const params = new URLSearchParams({ limit: String(limit) });
      if (status) params.set("status", status);
      if (workflow) params.set("workflow", workflow);
      if (after) params.set("cursor", after);
      return api<JobPage>(`/api/v1/jobs?${params}`);
    },
    [status, workflow],
  );

  // Live updates: re-read the pages shown so far every few seconds.
  useEffect(() => {
    let alive = true;
    const load = async () => {
      try {
        const page = await query(null, Math.min(200, 20 * pages));
        if (!alive) return;
        setJobs(page.jobs);
        setCursor(page.next_cursor);
        setError(null);
      } catch (err) {
        if (alive) setError(err);
      }
    };
    void load();
    const timer = setInterval(() => document.visibilityState === "visible" && void load(), REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [query, pages]);

  const more = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await query(cursor, 20);
      setJobs((old) => [...(old ?? []), ...page.jobs]);
      setCursor(page.next_cursor);
      setPages((n) => n + 1);
    } catch (err) {
      setError(err);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Page
      title={t("jobs.title")}
      actions={
        <Link to="/book" className="button primary">
          {t("jobs.new")}
        </Link>
      }
    >
      <div className="filters">
        <label>
          {t("jobs.status")}
          <select value={status} onChange={(e) => { setStatus(e.target.value); setPages(1); }}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>{s ? translateWord(lang, "status", s) : t("jobs.any")}</option>
            ))}
          </select>
        </label>
        <label>
          {t("jobs.workflow")}
          <select value={workflow} onChange={(e) => { setWorkflow(e.target.value); setPages(1); }}>
            {WORKFLOWS.map((w) => (
              <option key={w} value={w}>{w || t("jobs.any")}</option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBox error={error} />
      {jobs === null && !error && <Busy />}
      {jobs?.length === 0 && <p className="empty">{t("jobs.none")}</p>}
      {jobs && jobs.length > 0 && (
        <ul className="job-list" aria-label={t("jobs.title")}>
          {jobs.map((job) => (
            <li key={job.job_id} className="card job-row">
              <Link to={`/jobs/${job.job_id}`} className="job-link">
                <span className="job-title">{describe(job)}</span>
                <span className="job-id">{job.job_id}</span>
              </Link>
              <StatusChip status={job.status} />
              <progress max={100} value={job.progress} aria-label={t("job.progress")} />
              <span className="muted">{formatTime(job.created_at, lang)}</span>
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" onClick={more} disabled={loadingMore}>
          {loadingMore ? t("common.loading") : t("jobs.more")}
        </button>
      )}
    </Page>
  );
}

export function describe(job: JobView): string {
  const params = job.params as { locations?: string[]; exam_type?: string; form?: string; message?: string };
  if (job.workflow === "trafikverket.book") {
    return `${params.exam_type ?? "Körprov"} · ${(params.locations ?? []).join(", ")}`;
  }
  return params.form ? `${params.form}: ${params.message ?? ""}`.slice(0, 80) : (params.message ?? job.workflow).slice(0, 80);
}
