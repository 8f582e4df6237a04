/* CRM form rules: the time-slot bridge and the follow-up date. */
window.vpbankFormRules = (function () {
  "use strict";

  var CUSTOM = "__custom__";
  var FIRST_SLOT = 8 * 60;
  var LAST_SLOT = 20 * 60 + 30;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function hhmm(minutes) { return pad(Math.floor(minutes / 60)) + ":" + pad(minutes % 60); }

  function isSlot(ctx, time) {
    if (!time || time === CUSTOM) return false;
    return Array.prototype.some.call(ctx.field("timeSlot").options, function (option) {
      return option.value === time;
    });
  }

  return {
    // Now, rounded to the nearest quarter hour; outside the slot grid the exact time is typed in.
    defaults: function (ctx) {
      var now = ctx.now();
      var exact = now.hour * 60 + now.minute;
      var rounded = Math.round(exact / 15) * 15;
      if (rounded >= FIRST_SLOT && rounded <= LAST_SLOT) {
        ctx.setValue("timeSlot", hhmm(rounded));
        ctx.setValue("interactionTime", hhmm(rounded));
      } else {
        ctx.setValue("timeSlot", CUSTOM);
        ctx.setValue("interactionTime", hhmm(exact));
      }
    },

    // The saved time is the truth: off the grid it can only be shown as a typed-in time.
    afterRestore: function (ctx) {
      var time = ctx.value("interactionTime");
      if (!time) return;
      if (!isSlot(ctx, time)) {
        ctx.setValue("timeSlot", CUSTOM);
      } else if (ctx.value("timeSlot") !== CUSTOM) {
        ctx.setValue("timeSlot", time);
      }
    },

    onChange: function (ctx, name) {
      if (name === "timeSlot") {
        var slot = ctx.value("timeSlot");
        if (slot === "") ctx.setValue("interactionTime", "");
        else if (slot !== CUSTOM) ctx.setValue("interactionTime", slot);
      } else if (name === "followUpRequired") {
        var yes = ctx.value("followUpRequired") === "yes";
        ctx.setValue("followUpDate", yes ? ctx.addDays(ctx.today(), 7) : "");
      }
    },

    refresh: function (ctx) {
      ctx.show("customTimeWrap", ctx.value("timeSlot") === CUSTOM);
    }
  };
})();
