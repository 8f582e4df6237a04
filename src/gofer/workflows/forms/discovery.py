"""Reads a live form from its DOM: fields, labels, options, wizard steps, visibility and buttons.

Nothing here knows the five bank forms by name: a new page with `<label for>` labels and a
`data-step` wizard (or no wizard at all) is read the same way. Conditional fields are found by
trying every option of every select in a throwaway page whose writes are blocked, so probing never
touches saved state.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from playwright.async_api import BrowserContext, Page, Route
from playwright.async_api import Error as PlaywrightError

from gofer.workflows.forms.schema import FieldOption, FormField, FormSchema

# Runs in the page. Returns plain JSON; `probe` tries select options to see what they reveal.
_DISCOVER_JS = r"""
(probe) => {
  const collapse = (s) => (s || "").replace(/\s+/g, " ").trim();
  const forms = Array.from(document.querySelectorAll("form"));
  const namedControls = (f) => Array.from(f.elements).filter(
    (e) => e.name && ["INPUT", "SELECT", "TEXTAREA"].includes(e.tagName));
  if (!forms.length) return null;
  const form = forms.reduce((a, b) => (namedControls(b).length > namedControls(a).length ? b : a));
  const formIndex = forms.indexOf(form);
  const formSelector = form.id ? "form#" + CSS.escape(form.id) : "form >> nth=" + formIndex;

  // Wizard panes: elements with data-step that hold controls (progress bars hold none).
  const panes = Array.from(form.querySelectorAll("[data-step]")).filter(
    (p) => p.querySelector("input, select, textarea"));
  const paneOf = (el) => panes.find((p) => p.contains(el)) || null;
  const stepOf = (el) => { const p = paneOf(el); return p ? Number(p.dataset.step) || 1 : 1; };

  const hiddenByStyle = (el) => {
    const stop = paneOf(el) || form;
    for (let node = el; node && node !== stop; node = node.parentElement) {
      if (node.hidden) return true;
      const style = getComputedStyle(node);
      if (style.display === "none" || style.visibility === "hidden") return true;
    }
    return false;
  };

  const labelOf = (el) => {
    let node = el.id ? document.querySelector('label[for="' + CSS.escape(el.id) + '"]') : null;
    if (!node) node = el.closest("label");
    let text = node ? collapse(node.textContent) : "";
    if (!text && el.getAttribute("aria-label")) text = collapse(el.getAttribute("aria-label"));
    if (!text && el.getAttribute("aria-labelledby")) {
      const ref = document.getElementById(el.getAttribute("aria-labelledby"));
      if (ref) text = collapse(ref.textContent);
    }
    // Asterisks mark required fields visually; they are not part of the name.
    return text.replace(/\s*\*+\s*$/, "").replace(/\s*\*+\s*/g, " ").trim();
  };

  const INPUT_TYPES = {text: "text", search: "text", url: "text", tel: "tel", email: "email",
    number: "number", date: "date", "datetime-local": "datetime-local", time: "time", file: "file"};
  const typeOf = (el) => {
    if (el.tagName === "SELECT") return "select";
    if (el.tagName === "TEXTAREA") return "textarea";
    return INPUT_TYPES[(el.getAttribute("type") || "text").toLowerCase()] || null;
  };
  const num = (el, attr) => {
    const raw = el.getAttribute(attr);
    if (raw === null || raw === "" || raw === "any") return null;
    const value = Number(raw);
    return Number.isFinite(value) ? value : null;
  };

  const seen = new Set();
  const fields = [];
  const unsupported = [];
  for (const el of namedControls(form)) {
    if (seen.has(el.name)) continue;
    seen.add(el.name);
    const type = typeOf(el);
    if (!type) { unsupported.push(el.name); continue; }
    fields.push({
      el, name: el.name, label: labelOf(el) || collapse(el.placeholder) || el.name, type,
      options: type === "select"
        ? Array.from(el.options).map((o) => ({value: o.value, label: collapse(o.textContent)}))
        : [],
      step: stepOf(el), placeholder: el.getAttribute("placeholder") || "",
      visible: !hiddenByStyle(el), min_value: num(el, "min"), max_value: num(el, "max"),
      step_value: num(el, "step"), multiple: !!el.multiple,
    });
  }

  // What reveals a field: try every option of every select, then put it back. A field whose
  // visibility follows a select is conditional, however the page's defaults left it.
  const reveals = {};
  const hidden = fields;
  if (probe) {
    const fire = (el) => {
      el.dispatchEvent(new Event("input", {bubbles: true}));
      el.dispatchEvent(new Event("change", {bubbles: true}));
    };
    for (const s of fields.filter((f) => f.type === "select" && !f.multiple)) {
      const original = s.el.value;
      const found = {};
      for (const option of Array.from(s.el.options)) {
        s.el.value = option.value;
        fire(s.el);
        for (const h of hidden) {
          if (h === s) continue;
          found[h.name] = found[h.name] || [];
          if (!hiddenByStyle(h.el)) found[h.name].push(option.value);
        }
      }
      s.el.value = original;
      fire(s.el);
      for (const [name, values] of Object.entries(found)) {
        if (reveals[name] || !values.length || values.length >= s.el.options.length) continue;
        reveals[name] = {field: s.name, values};
      }
    }
  }
  // A conditional field counts as visible only if the select's blank choice shows it.
  for (const f of fields) {
    const rule = reveals[f.name];
    if (rule) f.visible = rule.values.includes("");
  }

  // Buttons are addressed by their index among the buttons of their pane (or of the form).
  const buttonsIn = (root) => Array.from(root.querySelectorAll("button"));
  const text = (b) => collapse(b.textContent).toLowerCase();
  const isNext = (b) => /(^|[-_ ])next\b|wizard-next|btn-next/i.test(b.className)
    || /^(tiếp tục|tiếp|next|continue)\b/.test(text(b));
  const isPrev = (b) => /(^|[-_ ])(prev|back)\b|wizard-prev|btn-prev/i.test(b.className)
    || /^(quay lại|trở lại|back|previous)\b/.test(text(b));
  const isClear = (b) => b.id === "clearBtn" || /^(xóa form|xoá form|xóa|clear|reset)\b/.test(text(b));
  const ref = (b) => {
    const pane = paneOf(b);
    return {step: pane ? Number(pane.dataset.step) || 1 : null,
            index: buttonsIn(pane || form).indexOf(b)};
  };
  const wizard = panes.map((pane) => {
    const buttons = buttonsIn(pane).filter((b) => b.type === "button");
    const next = buttons.find(isNext);
    const prev = buttons.find(isPrev);
    return {step: Number(pane.dataset.step) || 1, next: next ? ref(next).index : null,
            prev: prev ? ref(prev).index : null};
  });
  const allButtons = buttonsIn(form);
  const submit = allButtons.find((b) => b.type === "submit")
    || form.querySelector('input[type="submit"]');
  const clear = allButtons.find((b) => b.type !== "submit" && isClear(b));

  return {
    form_id: form.id || form.getAttribute("name") || "form",
    form_selector: formSelector,
    title: collapse(document.title),
    steps: panes.length ? Math.max(...panes.map((p) => Number(p.dataset.step) || 1)) : 1,
    fields: fields.map(({el, ...rest}) => ({...rest, revealed_by: reveals[rest.name] || null})),
    unsupported,
    wizard,
    submit: submit && submit.tagName === "BUTTON" ? ref(submit) : null,
    clear: clear ? ref(clear) : null,
  };
}
"""

# A cheap summary of a page's controls: when it changes, the cached reading is stale.
FINGERPRINT_JS = r"""
() => {
  const forms = Array.from(document.querySelectorAll("form"));
  return forms.map((f) => Array.from(f.elements).filter((e) => e.name).map((e) =>
    e.name + ":" + (e.type || e.tagName) + ":" + (e.options ? e.options.length : "")
  ).join("|")).join("||") + "#" + document.querySelectorAll("[data-step]").length;
}
"""


@dataclass(frozen=True)
class ButtonRef:
    """A button by its index among the `button`s of its wizard pane (or of the form)."""

    step: int | None
    index: int


@dataclass(frozen=True)
class WizardPane:
    step: int
    next_button: int | None
    prev_button: int | None


@dataclass(frozen=True)
class DiscoveredForm:
    """A form as read from its page: the schema the understanding uses and how to drive it."""

    url: str
    schema: FormSchema
    form_selector: str
    panes: tuple[WizardPane, ...]
    submit: ButtonRef | None
    clear: ButtonRef | None
    fingerprint: str
    unsupported: tuple[str, ...] = ()
    discovered_at: float = field(default_factory=time.monotonic)

    @property
    def has_wizard(self) -> bool:
        return bool(self.panes)

    def pane(self, step: int) -> WizardPane | None:
        return next((p for p in self.panes if p.step == step), None)


def cache_key(url: str) -> str:
    """The URL without query or fragment: every conversation's page shares one reading."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def parse_discovery(url: str, raw: dict[str, Any], fingerprint: str) -> DiscoveredForm:
    fields = tuple(
        FormField(
            name=f["name"],
            label=f["label"],
            type=f["type"],
            options=tuple(FieldOption(o["value"], o["label"]) for o in f["options"]),
            step=int(f["step"]),
            placeholder=f["placeholder"],
            visible=bool(f["visible"]),
            revealed_by=(
                (f["revealed_by"]["field"], tuple(f["revealed_by"]["values"]))
                if f.get("revealed_by")
                else None
            ),
            min_value=f.get("min_value"),
            max_value=f.get("max_value"),
            step_value=f.get("step_value"),
            multiple=bool(f.get("multiple")),
        )
        for f in raw["fields"]
    )
    schema = FormSchema(
        form_id=raw["form_id"], title=raw["title"], fields=fields, steps=int(raw["steps"])
    )

    def button(data: dict[str, Any] | None) -> ButtonRef | None:
        if not data or data.get("index", -1) < 0:
            return None
        return ButtonRef(data.get("step"), int(data["index"]))

    return DiscoveredForm(
        url=cache_key(url),
        schema=schema,
        form_selector=raw["form_selector"],
        panes=tuple(WizardPane(p["step"], p["next"], p["prev"]) for p in raw["wizard"]),
        submit=button(raw.get("submit")),
        clear=button(raw.get("clear")),
        fingerprint=fingerprint,
        unsupported=tuple(raw.get("unsupported", ())),
    )


class NoFormOnPage(Exception):
    """The page has no `<form>` with named controls."""


async def block_writes(route: Route) -> None:
    # Probing fires change events; the page's autosave must not carry probe values anywhere.
    if route.request.method in ("GET", "HEAD", "OPTIONS"):
        await route.continue_()
    else:
        await route.abort()


async def read_page(page: Page, *, probe: bool = True) -> tuple[dict[str, Any], str]:
    """Runs the discovery script on a loaded page; returns (raw reading, fingerprint)."""
    raw = await page.evaluate(_DISCOVER_JS, probe)
    if raw is None or not raw.get("fields"):
        raise NoFormOnPage(page.url)
    return raw, await page.evaluate(FINGERPRINT_JS)


# Whether the page says it is ready (true/false; null: it does not say), and if so its fingerprint.
_READY_JS = (
    "() => { const body = document.body;"
    " const ready = body && body.hasAttribute('data-form') ? body.dataset.ready === 'true' : null;"
    " return {ready, fingerprint: ready ? (" + FINGERPRINT_JS.strip() + ")() : null}; }"
)


async def wait_until_ready(page: Page, quiet_limit_s: float = 3.0) -> str:
    """Waits until the page has restored its saved values; returns the page's fingerprint.

    Pages that announce it (`data-ready` on a `data-form` body) are waited for; others restore
    from their backend after `load`, so the network is given up to `quiet_limit_s` to go quiet
    (values typed before a late restore would be overwritten by it). A page ready already
    costs one round trip.
    """
    found = await page.evaluate(_READY_JS)
    if found["ready"]:
        return str(found["fingerprint"])
    if found["ready"] is not None:
        await page.wait_for_function("() => document.body.dataset.ready === 'true'")
    else:
        try:
            await page.wait_for_load_state("networkidle", timeout=quiet_limit_s * 1000)
        except PlaywrightError:
            pass  # a page that keeps polling never goes quiet; fill it anyway
    return str(await page.evaluate(FINGERPRINT_JS))


async def discover(context: BrowserContext, url: str) -> DiscoveredForm:
    """Opens `url` in a throwaway page with writes blocked and reads its form."""
    page = await context.new_page()
    try:
        await page.route("**/*", block_writes)
        await page.goto(cache_key(url), wait_until="load")
        await wait_until_ready(page)
        raw, fingerprint = await read_page(page)
        return parse_discovery(url, raw, fingerprint)
    finally:
        await page.close(run_before_unload=False)


class SchemaCache:
    """Discovered forms by URL; a changed fingerprint or an old entry means reading again."""

    def __init__(self, max_age_s: float = 3600.0) -> None:
        self._max_age_s = max_age_s
        self._entries: dict[str, DiscoveredForm] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    def peek(self, url: str) -> DiscoveredForm | None:
        entry = self._entries.get(cache_key(url))
        if entry is None or time.monotonic() - entry.discovered_at > self._max_age_s:
            return None
        return entry

    def forget(self, url: str) -> None:
        self._entries.pop(cache_key(url), None)

    async def get(self, context: BrowserContext, url: str) -> DiscoveredForm:
        key = cache_key(url)
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            entry = self.peek(key)
            if entry is None:
                entry = await discover(context, key)
                self._entries[key] = entry
            return entry
