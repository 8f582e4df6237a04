/* HR form rules: leave type and rejection reason visibility, and the day count. */
window.vpbankFormRules = (function () {
  "use strict";

  var DAY_MS = 24 * 60 * 60 * 1000;

  function countDays(ctx) {
    var start = ctx.value("startDate");
    var end = ctx.value("endDate");
    if (!start || !end) return;
    var days = (Date.parse(end + "T00:00:00Z") - Date.parse(start + "T00:00:00Z")) / DAY_MS;
    if (isNaN(days)) return;
    // Both ends count; an end before the start leaves nothing to count.
    ctx.setValue("duration", days >= 0 ? String(Math.round(days) + 1) : "");
  }

  return {
    onChange: function (ctx, name) {
      if (name === "startDate" || name === "endDate") countDays(ctx);
    },

    refresh: function (ctx) {
      ctx.show("leaveTypeGroup", ctx.value("requestType") === "leave");
      ctx.show("rejectionReasonGroup", ctx.value("approvalStatus") === "rejected");
    }
  };
})();
