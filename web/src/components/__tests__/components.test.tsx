import { act, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, api } from "../../api/client";
import { saveSession } from "../../api/session";
import { translate } from "../../i18n";
import en from "../../i18n/en.json";
import sv from "../../i18n/sv.json";
import vi_ from "../../i18n/vi.json";
import { ErrorBox } from "../common";
import { QrPanel, QR_FRESH_MS } from "../QrPanel";
import { Timeline } from "../Timeline";

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe("QrPanel", () => {
  it("shows the code while fresh, then hides it until a new one comes", () => {
    vi.useFakeTimers();
    const frame = { image: "data:image/png;base64,AAAA", receivedAt: Date.now() };
    render(<QrPanel frame={frame} waiting />);
    expect(screen.getByAltText("BankID QR code")).toBeTruthy();
    act(() => vi.advanceTimersByTime(QR_FRESH_MS + 300));
    expect(screen.queryByAltText("BankID QR code")).toBeNull();
    expect(screen.getByText("Waiting for a fresh code…")).toBeTruthy();
  });
});

describe("Timeline", () => {
  it("folds QR refreshes into one line", () => {
    const base = { job_id: "j", timestamp: "2026-01-01T00:00:00Z", data: {} };
    render(
      <Timeline
        events={[
          { ...base, seq: 1, type: "status_update", data: { message: "Opening the site" } },
          { ...base, seq: 2, type: "qr_update" },
          { ...base, seq: 3, type: "qr_update" },
        ]}
      />,
    );
    expect(screen.getByText("Opening the site")).toBeTruthy();
    expect(screen.getByText("QR code refreshed (2×)")).toBeTruthy();
  });
});

describe("API errors", () => {
  it("shows the server's sentence", async () => {
    vi.stubGlobal("fetch", async () => new Response(JSON.stringify({ success: false, error: "Job not found", code: "job_not_found" }), { status: 404 }));
    const error = (await api("/api/v1/jobs/x").catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("job_not_found");
    render(<ErrorBox error={error} />);
    expect(screen.getByRole("alert").textContent).toBe("Job not found");
  });

  it("refreshes once on 401, rotating the refresh token, then retries", async () => {
    saveSession({ accessToken: "old", refreshToken: "r1", email: "a@b.c", isAdmin: false });
    const calls: string[] = [];
    vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
      calls.push(`${url} ${(init.headers as Record<string, string>).Authorization ?? ""}`);
      if (url === "/api/auth/refresh") {
        return new Response(JSON.stringify({ tokens: { accessToken: "new", refreshToken: "r2" } }));
      }
      const auth = (init.headers as Record<string, string>).Authorization;
      return auth === "Bearer new" ? new Response(JSON.stringify({ ok: 1 })) : new Response("{}", { status: 401 });
    });
    expect(await api("/api/v1/jobs")).toEqual({ ok: 1 });
    expect(calls).toEqual(["/api/v1/jobs Bearer old", "/api/auth/refresh ", "/api/v1/jobs Bearer new"]);
    expect(JSON.parse(localStorage.getItem("gofer.session")!).refreshToken).toBe("r2");
  });
});

describe("translations", () => {
  it("has every English string in Swedish and Vietnamese", () => {
    expect(Object.keys(sv).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(vi_).sort()).toEqual(Object.keys(en).sort());
    expect(translate("sv", "qr.fresh", { s: 2 })).toBe("Giltig i 2 s");
  });
});
