// The job's events in order; QR refreshes fold into one line so the story stays readable.
import type { StreamMessage } from "../api/types";
import { useI18n } from "../i18n";

function summary(message: StreamMessage): string {
  const data = message.data as { message?: string; status?: string; error?: string };
  return data.message ?? data.error ?? data.status ?? "";
}

export function Timeline({ events }: { events: StreamMessage[] }) {
  const { t } = useI18n();
  const rows: { event: StreamMessage; count: number }[] = [];
  for (const event of events) {
    const last = rows[rows.length - 1];
    if (last && event.type === "qr_update" && last.event.type === "qr_update") last.count += 1;
    else rows.push({ event, count: 1 });
  }
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("job.timeline")}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("job.noEvents")}</p>
      ) : (
        <ol className="timeline" aria-live="polite" tabIndex={0} aria-labelledby="timeline-title">
          {rows.map(({ event, count }) => (
            <li key={event.seq}>
              <time dateTime={event.timestamp}>{new Date(event.timestamp).toLocaleTimeString()}</time>
              <span className="event-type">{event.type.replace(/_/g, " ")}</span>
              <span>{event.type === "qr_update" ? t("job.qrRefreshed", { n: count }) : summary(event)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
