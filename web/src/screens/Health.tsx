// Workers, queue and browser at a glance (admin): /health/detailed, re-read every few seconds.
import { useEffect, useState } from "react";
import { api } from "../api/client";
import { Busy, ErrorBox, Page } from "../components/common";
import { useI18n } from "../i18n";

type Detailed = Record<string, unknown> & { status?: string };

function Value({ value }: { value: unknown }) {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return (
      <dl className="kv">
        {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
          <div key={k}>
            <dt>{k.replace(/_/g, " ")}</dt>
            <dd><Value value={v} /></dd>
          </div>
        ))}
      </dl>
    );
  }
  return <>{Array.isArray(value) ? value.join(", ") : String(value ?? "—")}</>;
}

export function HealthScreen() {
  const { t } = useI18n();
  const [health, setHealth] = useState<Detailed | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const load = () => api<Detailed>("/health/detailed").then((h) => { setHealth(h); setError(null); }, setError);
    void load();
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, []);
  return (
    <Page title={t("health.title")}>
      <ErrorBox error={error} />
      {!health && !error && <Busy />}
      {health && (
        <>
          <p className={health.status === "ok" ? "ok" : "error"} role="status">
            {t("health.status", { status: String(health.status) })}
          </p>
          <div className="cards">
            {Object.entries(health)
              .filter(([k]) => k !== "status")
              .map(([key, value]) => (
                <section key={key} className="card" aria-labelledby={`h-${key}`}>
                  <h2 id={`h-${key}`}>{key.replace(/_/g, " ")}</h2>
                  <Value value={value} />
                </section>
              ))}
          </div>
        </>
      )}
    </Page>
  );
}
