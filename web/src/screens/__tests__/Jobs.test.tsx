import { fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { JobsScreen } from "../Jobs";

afterEach(() => vi.unstubAllGlobals());

function job(n: number, status = "completed") {
  return {
    job_id: `job_${n}`,
    user_id: "usr_1",
    workflow: "trafikverket.book",
    state: status,
    status,
    progress: 100,
    message: "",
    params: { exam_type: "Körprov", locations: [`Place ${n}`] },
    created_at: "2026-12-06T20:00:00Z",
    updated_at: "2026-12-06T20:00:00Z",
  };
}

// A server holding 25 jobs, answering pages of `limit` after an opaque cursor (an index).
function server() {
  const all = Array.from({ length: 25 }, (_, n) => job(n + 1, n === 1 ? "running" : "completed"));
  const asked: URLSearchParams[] = [];
  vi.stubGlobal("fetch", async (url: string) => {
    const params = new URL(url, "http://x").searchParams;
    asked.push(params);
    if (params.get("status") === "failed") return new Response(JSON.stringify({ jobs: [job(9, "failed")], next_cursor: null }));
    const start = Number(params.get("cursor")?.slice(1) ?? 0);
    const limit = Number(params.get("limit"));
    const end = start + limit;
    return new Response(JSON.stringify({ jobs: all.slice(start, end), next_cursor: end < all.length ? `c${end}` : null }));
  });
  return asked;
}

describe("JobsScreen", () => {
  it("pages on with the server's cursor, then filters by status", async () => {
    const asked = server();
    render(<JobsScreen />);
    const list = await screen.findByRole("list", { name: "Jobs" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(20);
    expect(within(list).getByText("running")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    expect(await within(list).findByText("Körprov · Place 25")).toBeTruthy();
    expect(within(list).getAllByRole("listitem")).toHaveLength(25);
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull(); // the last page
    expect(asked.some((p) => p.get("cursor") === "c20")).toBe(true);

    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "failed" } });
    await vi.waitFor(() => expect(screen.getAllByRole("listitem")).toHaveLength(1));
    expect(screen.getByText("Körprov · Place 9")).toBeTruthy();
    expect(asked[asked.length - 1].get("status")).toBe("failed");
  });
});
