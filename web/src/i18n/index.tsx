// UI strings in English, Swedish and Vietnamese; the choice is kept in localStorage.
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import en from "./en.json";
import sv from "./sv.json";
import vi from "./vi.json";

export type Lang = "en" | "sv" | "vi";
export type MessageKey = keyof typeof en;
const DICTS: Record<Lang, Partial<Record<MessageKey, string>>> = { en, sv, vi };
export const LANGUAGES: { code: Lang; name: string }[] = [
  { code: "en", name: "English" },
  { code: "sv", name: "Svenska" },
  { code: "vi", name: "Tiếng Việt" },
];
const KEY = "gofer.lang";

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = DICTS[lang][key] ?? en[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
}

/** The translation of a word the server sends (a status), or the word itself when there is none. */
export function translateWord(lang: Lang, prefix: string, word: string): string {
  const key = `${prefix}.${word}` as MessageKey;
  return DICTS[lang][key] ?? en[key] ?? word.replace(/_/g, " ");
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const Context = createContext<I18n>({ lang: "en", setLang: () => undefined, t: (k, v) => translate("en", k, v) });

function initialLang(): Lang {
  const saved = localStorage.getItem(KEY);
  if (saved === "en" || saved === "sv" || saved === "vi") return saved;
  const browser = navigator.language.slice(0, 2);
  return browser === "sv" || browser === "vi" ? browser : "en";
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem(KEY, lang);
  }, [lang]);
  const value: I18n = { lang, setLang: setLangState, t: (key, vars) => translate(lang, key, vars) };
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  return useContext(Context);
}
