import { fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../../i18n";
import { UserSettingsProvider } from "../../userSettings";
import { SettingsScreen } from "../Settings";

const SAVED = {
  success: true,
  language: "sv",
  voice_language: "vi",
  voice: "female",
  model: "",
  updated_at: "2026-12-06T20:00:00Z",
};

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

function server(putAnswer: (body: Record<string, unknown>) => Response) {
  const puts: Record<string, unknown>[] = [];
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    if (url === "/api/v1/me/settings" && init?.method === "PUT") {
      const body = JSON.parse(String(init.body));
      puts.push(body);
      return putAnswer(body);
    }
    if (url === "/api/v1/me/settings") return new Response(JSON.stringify(SAVED));
    if (url === "/api/v1/webhooks/endpoints") return new Response(JSON.stringify({ endpoints: [] }));
    return new Response("{}");
  });
  return puts;
}

function settingsScreen() {
  return render(
    <I18nProvider>
      <UserSettingsProvider signedIn="anna@example.com">
        <SettingsScreen isAdmin />
      </UserSettingsProvider>
    </I18nProvider>,
  );
}

describe("Preferences", () => {
  it("start from the server's saved settings, in their language, and save the person's changes", async () => {
    const puts = server((body) => new Response(JSON.stringify({ ...SAVED, ...body, updated_at: "2026-12-06T20:05:00Z" })));
    settingsScreen();
    // The saved UI language (Swedish) replaces this browser's.
    expect(await screen.findByRole("heading", { name: "Inställningar" })).toBeTruthy();
    expect((screen.getByLabelText("Språk i röstsamtal") as HTMLSelectElement).value).toBe("vi");
    fireEvent.change(screen.getByLabelText("Språk", { selector: "form select" }), { target: { value: "en" } });
    fireEvent.change(screen.getByLabelText("Språkmodell"), { target: { value: "llama3.1:8b" } });
    fireEvent.click(screen.getByRole("button", { name: "Spara inställningar" }));
    expect(await screen.findByText("Saved.")).toBeTruthy();
    expect(puts).toEqual([{ language: "en", voice_language: "vi", voice: "female", model: "llama3.1:8b" }]);
    expect(document.documentElement.lang).toBe("en");
  });

  it("show the server's sentence when it refuses a value", async () => {
    server(() => new Response(JSON.stringify({ success: false, error: "Invalid value for 'model': String should match pattern", code: "validation_error" }), { status: 422 }));
    settingsScreen();
    fireEvent.change(await screen.findByLabelText("Språkmodell"), { target: { value: "gpt 4" } });
    fireEvent.click(screen.getByRole("button", { name: "Spara inställningar" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Invalid value for 'model'");
    expect(screen.queryByText("Sparat.")).toBeNull();
  });
});
