/* Operations form rules: the four conditional groups and the reconciliation status. */
window.vpbankFormRules = (function () {
  "use strict";

  var CREDITS = ["deposit", "refund", "loan-disbursement"];
  var DEBITS = ["withdrawal", "transfer", "payment", "loan-payment", "fee"];
  var BALANCE_INPUTS = ["transactionType", "transactionAmount", "balanceBefore", "balanceAfter"];
  var GROUPS = ["beneficiarySection", "failureReasonGroup", "validationIssuesGroup", "fraudDetailsGroup"];

  // "deployed" copies the live page, whose groups never show and which computes nothing.
  function deployed(ctx) { return ctx.mode === "deployed"; }

  function reconcile(ctx) {
    var type = ctx.value("transactionType");
    var raw = [ctx.value("transactionAmount"), ctx.value("balanceBefore"), ctx.value("balanceAfter")];
    if (!type || raw.some(function (v) { return v === ""; })) return;
    var amount = Number(raw[0]);
    var before = Number(raw[1]);
    var after = Number(raw[2]);
    if ([amount, before, after].some(isNaN)) return;
    var sign = CREDITS.indexOf(type) >= 0 ? 1 : DEBITS.indexOf(type) >= 0 ? -1 : 0;
    if (!sign) return;
    var expected = before + sign * amount;
    ctx.setValue("balanceStatus", Math.abs(after - expected) < 1 ? "matched" : "mismatched");
  }

  return {
    onChange: function (ctx, name) {
      if (!deployed(ctx) && BALANCE_INPUTS.indexOf(name) >= 0) reconcile(ctx);
    },

    refresh: function (ctx) {
      if (deployed(ctx)) {
        GROUPS.forEach(function (id) { ctx.show(id, false); });
        return;
      }
      var status = ctx.value("status");
      var result = ctx.value("validationResult");
      var fraud = ctx.value("fraudIndicators");
      ctx.show("beneficiarySection", ctx.value("transactionType") === "transfer");
      ctx.show("failureReasonGroup", status === "failed" || status === "cancelled");
      ctx.show(
        "validationIssuesGroup",
        result === "invalid" || result === "needs-review" || result === "suspicious"
      );
      ctx.show("fraudDetailsGroup", fraud !== "" && fraud !== "none");
    }
  };
})();
