/* Shared behaviour of the VPBank form replicas: wizard, defaults, saved state, submit and clear. */
(function () {
  "use strict";

  var SAVE_DELAY_MS = 300;
  var TOAST_MS = 5000;
  var BLUR_MS = 400;
  var ZONE = "Asia/Ho_Chi_Minh";
  var SESSION_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

  var TOASTS = {
    loan: "✓ Đăng ký vay thành công",
    crm: "✓ Cập nhật thành công",
    hr: "✓ Nộp đơn thành công",
    compliance: "✓ Báo cáo đã được gửi",
    operations: "✓ Yêu cầu đã được tiếp nhận"
  };
  var TODAY_FIELDS = {
    loan: ["applicationDate"],
    crm: ["interactionDate"],
    hr: ["submissionDate"],
    compliance: [],
    operations: ["reviewDate"]
  };

  var body = document.body;
  var formName = body.dataset.form;
  var sessionKey = body.dataset.sessionKey || "";
  var form = document.querySelector("form.vpbank-form");
  var rules = window.vpbankFormRules || {};
  var panes = Array.prototype.slice.call(form.querySelectorAll(".wizard-step-pane"));
  var progressSteps = Array.prototype.slice.call(form.querySelectorAll(".wizard-progress-step"));
  var toast = document.getElementById("toast");
  var canSave = SESSION_PATTERN.test(sessionKey);
  var stateUrl = "/_replica/forms/" + formName + "/state?session=" + encodeURIComponent(sessionKey);
  var submissionsUrl =
    "/_replica/forms/" + formName + "/submissions?session=" + encodeURIComponent(sessionKey);

  var currentStep = 1;
  var saveTimer = null;
  var dirty = false;
  var savesInFlight = 0;
  var saveChain = Promise.resolve();
  var toastTimer = null;
  var submitting = false;

  // --- clock: "today" is the Vietnamese date, not the UTC one ---
  function vietnamNow() {
    var parts = new Intl.DateTimeFormat("en-CA", {
      timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(new Date());
    var get = function (type) {
      return parts.filter(function (p) { return p.type === type; })[0].value;
    };
    return {
      date: get("year") + "-" + get("month") + "-" + get("day"),
      hour: Number(get("hour")) % 24,
      minute: Number(get("minute"))
    };
  }

  function addDays(isoDate, days) {
    var d = new Date(isoDate + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  // --- what the per-form rules see ---
  var ctx = {
    form: form,
    mode: body.dataset.operationsMode || "",
    field: function (name) { return form.elements.namedItem(name); },
    value: function (name) {
      var el = form.elements.namedItem(name);
      return el ? el.value : "";
    },
    setValue: function (name, value) {
      var el = form.elements.namedItem(name);
      if (el) el.value = value;
    },
    show: function (id, visible) {
      var el = document.getElementById(id);
      if (el) el.style.display = visible ? "" : "none";
    },
    now: vietnamNow,
    today: function () { return vietnamNow().date; },
    addDays: addDays
  };

  function applyDefaults() {
    var today = vietnamNow().date;
    (TODAY_FIELDS[formName] || []).forEach(function (name) { ctx.setValue(name, today); });
    if (rules.defaults) rules.defaults(ctx);
  }

  function refresh() {
    if (rules.refresh) rules.refresh(ctx);
  }

  // --- wizard ---
  function showStep(step, scroll) {
    currentStep = Math.min(Math.max(step, 1), panes.length);
    panes.forEach(function (pane) {
      pane.classList.toggle("is-hidden", Number(pane.dataset.step) !== currentStep);
    });
    progressSteps.forEach(function (el) {
      el.classList.toggle("is-active", Number(el.dataset.step) === currentStep);
    });
    if (scroll) window.scrollTo(0, 0);
  }

  // --- saved state ---
  function collectValues() {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.tagName === "BUTTON") return;
      if (el.type === "file") {
        values[el.name] = Array.prototype.map.call(el.files || [], function (f) { return f.name; });
      } else {
        values[el.name] = el.value;
      }
    });
    return values;
  }

  function restore(values) {
    Object.keys(values).forEach(function (name) {
      var el = form.elements.namedItem(name);
      var value = values[name];
      // Files cannot be put back into an input, so they are never restored.
      if (!el || el.type === "file" || typeof value !== "string") return;
      el.value = value;
    });
  }

  function putState(keepalive) {
    var request = fetch(stateUrl, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ values: collectValues() }),
      keepalive: keepalive,
      credentials: "same-origin"
    });
    return request.then(function (res) {
      if (!res.ok) console.warn("VPBank replica: state not saved, HTTP " + res.status);
    }, function () { /* offline or page gone: the next save carries everything */ });
  }

  function saveNow() {
    clearTimeout(saveTimer);
    saveTimer = null;
    dirty = false;
    if (!canSave) return saveChain;
    savesInFlight += 1;
    // Saves go out one after another, so an older snapshot never lands after a newer one.
    saveChain = saveChain.then(function () { return putState(false); }).then(function () {
      savesInFlight -= 1;
    });
    return saveChain;
  }

  function scheduleSave() {
    dirty = true;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNow, SAVE_DELAY_MS);
  }

  function saveOnPageHide() {
    if (!canSave || (!dirty && savesInFlight === 0)) return;
    clearTimeout(saveTimer);
    dirty = false;
    putState(true);
  }

  // --- submit and clear ---
  function blurBriefly() {
    body.classList.add("is-blurred");
    setTimeout(function () { body.classList.remove("is-blurred"); }, BLUR_MS);
  }

  function showToast(text) {
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toast.hidden = true; }, TOAST_MS);
  }

  function resetForm() {
    form.reset();
    applyDefaults();
    refresh();
    showStep(1, true);
  }

  function recordSubmission(values) {
    if (!canSave) return Promise.resolve();
    return fetch(submissionsUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ values: values }),
      credentials: "same-origin"
    }).then(function (res) {
      if (!res.ok) console.warn("VPBank replica: submission not recorded, HTTP " + res.status);
    }, function () { /* recorded nowhere; the page still behaves like the real one */ });
  }

  function onSubmit(event) {
    event.preventDefault();
    if (submitting) return;
    submitting = true;
    clearTimeout(saveTimer);
    recordSubmission(collectValues()).then(function () {
      showToast(TOASTS[formName] || "");
      blurBriefly();
      resetForm();
      saveNow();
      submitting = false;
    });
  }

  function clearForm() {
    blurBriefly();
    resetForm();
    saveNow();
  }

  function onClick(event) {
    var button = event.target.closest("button");
    if (!button || !form.contains(button)) return;
    if (button.id === "clearBtn") {
      clearForm();
    } else if (button.matches(".wizard-next, .btn-next")) {
      showStep(currentStep + 1, true);
    } else if (button.matches(".wizard-prev, .btn-prev")) {
      showStep(currentStep - 1, true);
    }
  }

  function onEdit(event) {
    var name = event.target && event.target.name;
    if (!name) return;
    if (rules.onChange) rules.onChange(ctx, name, event.type);
    refresh();
    scheduleSave();
  }

  function readSavedValues() {
    var node = document.getElementById("savedState");
    try {
      var saved = node ? JSON.parse(node.textContent) : null;
      return saved && typeof saved.values === "object" ? saved.values : null;
    } catch (err) {
      return null;
    }
  }

  function start() {
    applyDefaults();
    var saved = readSavedValues();
    if (saved) {
      restore(saved);
      if (rules.afterRestore) rules.afterRestore(ctx, saved);
    }
    refresh();
    showStep(1, false);
    form.addEventListener("input", onEdit);
    form.addEventListener("change", onEdit);
    form.addEventListener("submit", onSubmit);
    form.addEventListener("click", onClick);
    window.addEventListener("pagehide", saveOnPageHide);
    body.dataset.ready = "true";
  }

  start();
})();
