// The BankID QR, large, shown only while fresh: BankID refuses a code older than a few seconds.
import { useEffect, useState } from "react";
import { useI18n } from "../i18n";

export const QR_FRESH_MS = 3000;

export interface QrFrame {
  image: string;
  receivedAt: number; // Date.now() when this browser got it
}

export function QrPanel({ frame, waiting }: { frame: QrFrame | null; waiting: boolean }) {
  const { t } = useI18n();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, []);
  if (!waiting && !frame) return null;
  const left = frame ? QR_FRESH_MS - (now - frame.receivedAt) : 0;
  const fresh = frame !== null && left > 0;
  return (
    <section className="card qr-panel" aria-labelledby="qr-title">
      <h2 id="qr-title">{t("qr.title")}</h2>
      <p>{t("qr.hint")}</p>
      <div className="qr-box">
        {fresh ? (
          <img src={frame.image} alt={t("qr.alt")} className="qr-image" data-testid="bankid-qr" width={280} height={280} />
        ) : (
          <div className="qr-stale" role="status">
            <span className="spinner" aria-hidden="true" />
            {t("qr.waiting")}
          </div>
        )}
      </div>
      {fresh && (
        <p className="qr-countdown" aria-live="off">
          {t("qr.fresh", { s: Math.ceil(left / 1000) })}
        </p>
      )}
    </section>
  );
}
