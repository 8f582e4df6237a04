import { fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { forgetServerPaths } from "../../api/capabilities";
import { LiveView } from "../LiveView";
import { VoiceButton } from "../VoiceButton";

function serverWith(paths: string[], answers: Record<string, unknown> = {}) {
  const calls: string[] = [];
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? "GET"} ${url}`);
    if (url === "/openapi.json") {
      return new Response(JSON.stringify({ paths: Object.fromEntries(paths.map((p) => [p, {}])) }));
    }
    return new Response(JSON.stringify(answers[url] ?? {}));
  });
  return calls;
}

afterEach(() => {
  forgetServerPaths();
  vi.unstubAllGlobals();
});

describe("optional server parts", () => {
  it("say they are not available when the server lacks them", async () => {
    serverWith(["/api/v1/jobs"]);
    render(
      <>
        <LiveView jobId="job_1" running />
        <VoiceButton sessionId={null} language="en" onTranscript={() => undefined} onSession={() => undefined} />
      </>,
    );
    expect(await screen.findByTestId("live-unavailable")).toBeTruthy();
    expect(await screen.findByTestId("voice-unavailable")).toBeTruthy();
  });

  it("open the live view and take over when the server has them", async () => {
    const calls = serverWith(["/api/v1/jobs/{job_id}/live", "/api/v1/jobs/{job_id}/takeover"], {
      "/api/v1/jobs/job_1/live": { live_url: "http://x/live/abc", interactive: false },
      "/api/v1/jobs/job_1/takeover": { live_url: "http://x/live/def", interactive: true },
    });
    render(<LiveView jobId="job_1" running />);
    fireEvent.click(await screen.findByRole("button", { name: "Watch the browser" }));
    fireEvent.click(await screen.findByRole("button", { name: "Take over" }));
    expect(await screen.findByText("You have control")).toBeTruthy();
    expect(screen.getByTitle("Live view").getAttribute("src")).toBe("http://x/live/def");
    expect(calls).toContain("POST /api/v1/jobs/job_1/takeover");
  });
});
