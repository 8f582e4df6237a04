// The job's result (for a booking: the proof from the site) as a readable list.
import { useI18n } from "../i18n";

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function ResultCard({ result, error }: { result: Record<string, unknown> | null | undefined; error?: string | null }) {
  const { t } = useI18n();
  if (!result && !error) return null;
  return (
    <section className={`card result ${error ? "result-bad" : "result-ok"}`} aria-labelledby="result-title">
      <h2 id="result-title">{error ? t("job.failed") : t("job.result")}</h2>
      {error && <p role="alert">{error}</p>}
      {result && (
        <dl className="kv" data-testid="job-result">
          {Object.entries(result).map(([key, value]) => (
            <div key={key}>
              <dt>{key.replace(/_/g, " ")}</dt>
              <dd>{show(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
