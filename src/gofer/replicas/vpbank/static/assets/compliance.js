/* Compliance form rules: violation details and follow-up date visibility. */
window.vpbankFormRules = {
  refresh: function (ctx) {
    var violations = ctx.value("violationsFound");
    ctx.show("violationDetailsGroup", violations === "minor" || violations === "major");
    ctx.show("followUpDateGroup", ctx.value("followUpRequired") === "yes");
  }
};
