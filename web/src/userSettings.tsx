// The signed-in person's settings (GET/PUT /api/v1/me/settings): read once after sign-in, so the
// UI's language and the voice call's language follow the person from device to device.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { api } from "./api/client";
import type { UserSettings, UserSettingsBody } from "./api/types";
import { useI18n } from "./i18n";

interface Settings {
  /** null until read (or when the server could not be asked). */
  settings: UserSettings | null;
  save: (next: UserSettingsBody) => Promise<UserSettings>;
}

const Context = createContext<Settings>({
  settings: null,
  save: () => Promise.reject(new Error("not signed in")),
});

export function bodyOf(settings: UserSettings): UserSettingsBody {
  const { language, voice_language, voice, model } = settings;
  return { language, voice_language, voice, model };
}

export function UserSettingsProvider({ signedIn, children }: { signedIn: string | null; children: ReactNode }) {
  const { setLang } = useI18n();
  const [settings, setSettings] = useState<UserSettings | null>(null);

  useEffect(() => {
    setSettings(null);
    if (!signedIn) return;
    let alive = true;
    api<UserSettings>("/api/v1/me/settings").then(
      (found) => {
        if (!alive) return;
        setSettings(found);
        // Saved ones win over this browser's; the server's defaults do not.
        if (found.updated_at) setLang(found.language);
      },
      () => undefined, // the screens still work in this browser's language
    );
    return () => {
      alive = false;
    };
  }, [signedIn]);

  const save = useCallback(async (next: UserSettingsBody) => {
    const saved = await api<UserSettings>("/api/v1/me/settings", { method: "PUT", body: next });
    setSettings(saved);
    return saved;
  }, []);

  return <Context.Provider value={{ settings, save }}>{children}</Context.Provider>;
}

export function useUserSettings(): Settings {
  return useContext(Context);
}
