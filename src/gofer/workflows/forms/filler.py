"""Fills a loaded form through its own controls: wizard buttons, selects and inputs, then reads back.

The page's own scripts stay in charge: values go in with Playwright's `fill`/`select_option`
(real input and change events), steps change with the page's next/back buttons, and a hidden
field is reached by first setting the field that reveals it. Every value is read back afterwards.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import ElementHandle, Locator, Page
from playwright.async_api import Error as PlaywrightError

from gofer.workflows.forms.discovery import ButtonRef, DiscoveredForm
from gofer.workflows.forms.schema import FormField

# Blurs the control typed into last (when inside the form), as a person moving on would: its
# change event and the page's rules run now.
_BLUR_JS = r"""
(form) => {
  const active = document.activeElement;
  if (active && active !== document.body && form.contains(active)) active.blur();
}
"""

_VISIBLE_JS = r"""
(form, name) => {
  const el = form.elements.namedItem(name);
  if (!el) return false;
  const panes = Array.from(form.querySelectorAll("[data-step]")).filter(
    (p) => p.querySelector("input, select, textarea"));
  const stop = panes.find((p) => p.contains(el)) || form;
  for (let node = el; node && node !== stop; node = node.parentElement) {
    if (node.hidden) return false;
    const style = getComputedStyle(node);
    if (style.display === "none" || style.visibility === "hidden") return false;
  }
  return true;
}
"""

# Every control's value; with `commit`, blurs first (as _BLUR_JS), and with `shown`, also says
# whether that field is shown (as _VISIBLE_JS): one round trip for what took three.
_READ_JS = (
    r"""
(form, [commit, shown]) => {
  if (commit) {
    const active = document.activeElement;
    if (active && active !== document.body && form.contains(active)) active.blur();
  }
  const values = {};
  for (const el of Array.from(form.elements)) {
    if (!el.name || el.tagName === "BUTTON" || el.name in values) continue;
    values[el.name] = el.type === "file"
      ? Array.from(el.files || []).map((f) => f.name).join(", ")
      : el.value;
  }
  const visible = """
    + _VISIBLE_JS.strip()
    + r""";
  return {values, shown: shown === null ? null : visible(form, shown)};
}
"""
)

_STEP_JS = r"""
(form) => {
  const panes = Array.from(form.querySelectorAll("[data-step]")).filter(
    (p) => p.querySelector("input, select, textarea"));
  const shown = panes.find((p) => p.getClientRects().length > 0);
  return shown ? Number(shown.dataset.step) || 1 : 1;
}
"""

_STEP_SHOWN_JS = r"""
([form, step]) => {
  const panes = Array.from(form.querySelectorAll("[data-step]")).filter(
    (p) => p.querySelector("input, select, textarea"));
  const shown = panes.find((p) => p.getClientRects().length > 0);
  return !!shown && Number(shown.dataset.step) === step;
}
"""

_TEXT_EMPTY_JS = r"""
([form]) => !Array.from(form.elements).some((e) => e.name && e.value !== "" &&
  (e.tagName === "TEXTAREA" || ["text", "tel", "email", "number"].includes(e.type)))
"""

# Notes any change to the page's status messages (toasts) from now on.
_WATCH_TOAST_JS = r"""
() => {
  window.__goferToast = null;
  const nodes = document.querySelectorAll('[role="status"], [role="alert"], .toast');
  const observer = new MutationObserver(() => {
    for (const node of nodes) {
      const text = (node.textContent || "").trim();
      if (text && node.getClientRects().length > 0) { window.__goferToast = text; }
    }
  });
  for (const node of nodes) {
    observer.observe(node, {attributes: true, childList: true, characterData: true, subtree: true});
  }
  return nodes.length;
}
"""

# A control that is not fillable within this time (hidden, disabled) is reported, not waited on.
ACTION_TIMEOUT_MS = 5000
# A wizard step not shown this long after a quick click on its button gets a careful click.
QUICK_STEP_S = 1.5


class SubmitNotConfirmed(Exception):
    """The page showed no sign that the submission went through."""


def blank_value(spec: FormField) -> str:
    """What an emptied field holds: "" or, for a select without an empty choice, its first option."""
    if spec.type != "select" or not spec.options or "" in spec.option_values():
        return ""
    return spec.options[0].value


@dataclass
class FillReport:
    """What one pass over the page did, for the reply and the audit trail."""

    written: dict[str, str] = field(default_factory=dict)  # values written now and read back
    implied: dict[str, str] = field(default_factory=dict)  # controllers set only to reveal a field
    mismatches: dict[str, dict[str, str]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # field -> why it was not written
    page_changes: dict[str, str] = field(default_factory=dict)  # what the page's scripts changed
    values: dict[str, str] = field(default_factory=dict)  # every control after the pass
    cleared: bool = False
    submitted: bool = False
    submitted_values: dict[str, str] = field(default_factory=dict)
    submit_message: str = ""
    step: int = 1
    last_edit_at: float | None = None


class FormFiller:
    """Drives one loaded page of a discovered form."""

    def __init__(self, page: Page, form: DiscoveredForm) -> None:
        self.page = page
        self.form = form
        self.schema = form.schema
        self._form = page.locator(form.form_selector)
        self._order = {f.name: i for i, f in enumerate(self.schema.fields)}
        self.last_edit_at: float | None = None
        self._focused: Locator | None = None
        self._step: int | None = None
        self._handle: ElementHandle | None = None

    # --- reading -----------------------------------------------------------------------------

    async def _form_handle(self) -> ElementHandle:
        # A handle evaluates without re-resolving the locator each time (much quicker).
        if self._handle is None:
            self._handle = await self._form.element_handle()
        return self._handle

    async def read_values(self) -> dict[str, str]:
        """Every control's value, after committing the field typed into last (one round trip)."""
        return (await self._read())[0]

    async def _read(self, shown: str | None = None) -> tuple[dict[str, str], bool | None]:
        """Every control's value and, given a field's name, whether that field is shown."""
        handle = await self._form_handle()
        commit, self._focused = self._focused is not None, None
        found: dict[str, Any] = await handle.evaluate(_READ_JS, [commit, shown])
        values = {str(k): str(v) for k, v in found["values"].items()}
        return values, None if found["shown"] is None else bool(found["shown"])

    async def is_visible(self, name: str) -> bool:
        return bool(await (await self._form_handle()).evaluate(_VISIBLE_JS, name))

    async def current_step(self) -> int:
        """The wizard step on screen; remembered between moves, since only buttons change it."""
        if not self.form.has_wizard:
            return 1
        if self._step is None:
            self._step = int(await (await self._form_handle()).evaluate(_STEP_JS))
        return self._step

    # --- moving --------------------------------------------------------------------------------

    def _pane(self, step: int) -> Locator:
        return self._form.locator(f'[data-step="{step}"]:has(input, select, textarea)')

    def _button(self, ref: ButtonRef) -> Locator:
        scope = self._form if ref.step is None else self._pane(ref.step)
        return scope.locator("button").nth(ref.index)

    async def go_to_step(self, target: int) -> int:
        """Walks the wizard with its own buttons; returns the step reached."""
        if not self.form.has_wizard:
            return 1
        target = max(1, min(target, self.schema.steps))
        current = await self.current_step()
        for _ in range(2 * self.schema.steps):
            if current == target:
                return current
            pane = self.form.pane(current)
            index = None
            if pane is not None:
                index = pane.next_button if target > current else pane.prev_button
            if index is None:
                break
            self._step = None
            self._focused = None  # pressing the button takes the focus (and commits the field)
            expected = current + (1 if target > current else -1)
            await self._press(self._pane(current).locator("button").nth(index), current, expected)
            current = self._step = expected
        return current

    async def _press(self, button: Locator, current: int, expected: int) -> None:
        """Clicks a wizard button of the pane on screen and waits for the step it leads to.

        A real mouse click, without first waiting for the button to hold still over several
        frames (the pane is already shown, and the wait below is what tells that it worked).
        Should something have been over it, the step does not change: it is clicked again the
        careful way.
        """
        await button.click(force=True)
        try:
            await self._wait_until(_STEP_SHOWN_JS, expected, timeout_s=QUICK_STEP_S)
            return
        except PlaywrightError:
            handle = await self._form_handle()
            if not await self.page.evaluate(_STEP_SHOWN_JS, [handle, current]):
                raise  # the page moved, but not to the step expected
        await button.click()
        await self._wait_until(_STEP_SHOWN_JS, expected)

    async def _wait_until(self, script: str, arg: Any, timeout_s: float = 10.0) -> None:
        """Waits for `script(form, arg)` to hold in the page (polled each animation frame)."""
        handle = await self._form_handle()
        await self.page.wait_for_function(script, arg=[handle, arg], timeout=timeout_s * 1000)

    # --- writing -------------------------------------------------------------------------------

    def _control(self, name: str) -> Locator:
        escaped = name.replace("\\", "\\\\").replace('"', '\\"')
        return self._form.locator(f'[name="{escaped}"]').first

    async def _write(self, spec: FormField, value: str) -> None:
        await self.go_to_step(spec.step)
        control = self._control(spec.name)
        if spec.type == "select":
            await self.commit()
            await control.select_option(value=value, timeout=ACTION_TIMEOUT_MS)
        else:
            await control.fill(value, timeout=ACTION_TIMEOUT_MS)
            self._focused = control
        self.last_edit_at = time.monotonic()

    async def commit(self) -> None:
        """Blurs the field typed into last, so that its change event (and page rules) run now."""
        focused, self._focused = self._focused, None
        if focused is not None:
            await (await self._form_handle()).evaluate(_BLUR_JS)

    def _sorted(self, names: list[str], targets: dict[str, str]) -> list[str]:
        """Page order by step, with a controlling field moved before the fields it reveals."""
        keys: dict[str, float] = {}
        for name in names:
            spec = self.schema.get(name)
            assert spec is not None
            keys[name] = spec.step * 10_000 + self._order[name]
        for name in names:
            spec = self.schema.get(name)
            if spec and spec.revealed_by and spec.revealed_by[0] in keys:
                if targets.get(name) == "":
                    # Emptied while still shown: the controller's new value may hide it, and a
                    # hidden field keeps its old value.
                    keys[name] = min(keys[name], keys[spec.revealed_by[0]] - 0.5)
                else:
                    keys[name] = max(keys[name], keys[spec.revealed_by[0]] + 0.5)
        return sorted(names, key=lambda n: keys[n])

    async def _reveal(
        self,
        spec: FormField,
        targets: dict[str, str],
        report: FillReport,
        shown: bool | None = None,
    ) -> str | None:
        """Makes a hidden field fillable; returns why it cannot be, or None when it is shown.

        `shown`: whether the field is shown now, when just read (None: not known).
        """
        if spec.visible and spec.revealed_by is None:
            return None  # always shown (apart from the wizard step)
        if shown if shown is not None else await self.is_visible(spec.name):
            return None
        if spec.revealed_by is None:
            return "hidden"
        controller, values = spec.revealed_by
        chosen = targets.get(controller)
        if chosen is not None and chosen not in values:
            return f"hidden while {controller} is {chosen!r}"
        controller_spec = self.schema.get(controller)
        if controller_spec is None:
            return "hidden"
        if chosen is None:
            if len(values) != 1:
                return f"shown only when {controller} is one of {', '.join(values)}"
            chosen = values[0]
            report.implied[controller] = chosen
        await self._write(controller_spec, chosen)
        return None if await self.is_visible(spec.name) else "hidden"

    async def apply(
        self,
        targets: dict[str, str],
        *,
        clear_first: bool = False,
        verify_retries: int = 1,
    ) -> FillReport:
        """Brings the page to `targets` (field -> value; "" empties) and reads everything back."""
        report = FillReport()
        before = await self.read_values()
        if clear_first:
            await self.clear()
            report.cleared = True
            before = await self.read_values()
        pending = {
            name: value
            for name, value in targets.items()
            if name in self.schema and before.get(name, "") != value
        }
        for name in targets:
            if name not in self.schema:
                report.skipped[name] = "not on this form"
        attempts = 0
        wrote: set[str] = set()
        after = before
        while pending:
            for name in self._sorted(list(pending), targets):
                spec = self.schema.get(name)
                assert spec is not None
                value = pending[name]
                if spec.type == "file":
                    report.skipped[name] = "files cannot be attached from a message"
                    continue
                current, shown = before, None
                if spec.revealed_by:
                    current, shown = await self._read(shown=name)
                if current.get(name, "") == value:
                    continue
                problem = await self._reveal(spec, targets, report, shown)
                if problem is not None:
                    report.skipped[name] = problem
                    continue
                try:
                    await self._write(spec, value)
                    wrote.add(name)
                except PlaywrightError as exc:
                    report.mismatches[name] = {
                        "expected": value,
                        "actual": "",
                        "error": _short_error(exc),
                    }
            after = await self.read_values()
            wrong = {
                name: value
                for name, value in pending.items()
                if name not in report.skipped and after.get(name, "") != value
            }
            attempts += 1
            if not wrong or attempts > verify_retries:
                for name, value in wrong.items():
                    entry = report.mismatches.get(name, {})
                    report.mismatches[name] = {
                        **entry,
                        "expected": value,
                        "actual": after.get(name, ""),
                    }
                for name in pending:
                    if name not in wrong and name not in report.skipped:
                        report.mismatches.pop(name, None)
                break
            # A page rule may have overwritten a value written earlier: write those once more.
            pending = wrong
        report.values = after  # read after the last write (and nothing has changed since)
        for name in wrote:
            if report.values.get(name, "") == targets[name]:
                report.written[name] = targets[name]
        touched = set(targets) | set(report.implied)
        report.page_changes = {
            name: value
            for name, value in report.values.items()
            if name not in touched and before.get(name, "") != value
        }
        report.step = await self.current_step()
        report.last_edit_at = self.last_edit_at
        return report

    # --- whole-form actions --------------------------------------------------------------------

    async def clear(self) -> None:
        """Presses the page's own clear button, or empties each field when there is none."""
        if self.form.clear is not None:
            if self.form.clear.step is not None:
                await self.go_to_step(self.form.clear.step)
            self._step = None  # the page goes back to its first step
            await self._button(self.form.clear).click()
            # Text fields empty out once the page has reset itself.
            await self._wait_until(_TEXT_EMPTY_JS, None)
        else:
            values = await self.read_values()
            for spec in self.schema.fields:
                if spec.type != "file" and values.get(spec.name, "") != blank_value(spec):
                    if await self.is_visible(spec.name):
                        await self._write(spec, blank_value(spec))
        self.last_edit_at = time.monotonic()

    async def submit(self, timeout_s: float = 10.0) -> str:
        """Presses submit and waits for the page's confirmation; returns its text."""
        if self.form.submit is None:
            raise SubmitNotConfirmed("The form has no submit button.")
        if self.form.submit.step is not None:
            await self.go_to_step(self.form.submit.step)
        watched = await self.page.evaluate(_WATCH_TOAST_JS)
        self._step = None
        await self._button(self.form.submit).click()
        self.last_edit_at = time.monotonic()
        if not watched:
            return ""
        try:
            handle = await self.page.wait_for_function(
                "() => window.__goferToast", timeout=timeout_s * 1000
            )
        except PlaywrightError as exc:
            raise SubmitNotConfirmed("The page did not confirm the submission.") from exc
        return str(await handle.json_value())

    async def settle(self, quiet_s: float = 0.4, limit_s: float = 3.0) -> None:
        """Gives the page's debounced autosave time to send the last edit before it closes."""
        if self.last_edit_at is None:
            return
        remaining = quiet_s - (time.monotonic() - self.last_edit_at)
        if remaining > 0:
            await asyncio.sleep(min(remaining, limit_s))
        try:
            await self.page.wait_for_load_state("networkidle", timeout=limit_s * 1000)
        except PlaywrightError:
            pass  # best effort: a page that keeps polling never goes idle


def _short_error(exc: Exception) -> str:
    first = str(exc).strip().splitlines()
    return first[0][:200] if first else type(exc).__name__
