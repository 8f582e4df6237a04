/* Test-only: changes the page the way real sites drift (the replica's drift controls).
 * Served only while a drift is active; the names come from the shell's replica-drifts meta tag.
 * Runs after the app has started, then follows every change of the page. */
(function () {
  'use strict';

  var meta = document.querySelector('meta[name="replica-drifts"]');
  var active = {};
  try {
    (JSON.parse(meta ? meta.getAttribute('content') : '[]') || []).forEach(function (name) {
      active[name] = true;
    });
  } catch (e) { /* no drifts */ }

  var shownOnce = {};

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function onSearchPage() {
    return /^\/boka\/ng\/search\//i.test(location.pathname);
  }

  function button(text, className, onclick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = className;
    b.textContent = text;
    b.addEventListener('click', onclick);
    return b;
  }

  /** A layer over the whole page that takes every click until it is closed. */
  function cover(className, heading, text, buttons) {
    var root = document.createElement('div');
    root.className = className;
    root.setAttribute('role', 'dialog');
    root.setAttribute('aria-modal', 'true');
    root.style.cssText = 'position:fixed;inset:0;z-index:10000;display:flex;align-items:center;' +
      'justify-content:center;background:' +
      (className === 'interstitial-page' ? '#fff' : 'rgba(0,0,0,0.45)');
    var card = document.createElement('div');
    card.style.cssText = 'background:#fff;padding:24px;max-width:480px;border-radius:6px';
    var h = document.createElement(className === 'interstitial-page' ? 'h1' : 'h2');
    h.textContent = heading;
    var p = document.createElement('p');
    p.textContent = text;
    card.appendChild(h);
    card.appendChild(p);
    buttons.forEach(function (b) { card.appendChild(b); });
    root.appendChild(card);
    document.body.appendChild(root);
    return root;
  }

  function survey() {
    if (shownOnce.survey || !onSearchPage()) return;
    shownOnce.survey = true;
    var root;
    function close() { root.remove(); }
    root = cover('survey-overlay', 'Hjälp oss att bli bättre',
      'Vill du svara på några korta frågor om hur det var att boka prov?',
      [button('Svara på enkäten', 'btn btn-primary', close),
        button('Nej tack', 'btn btn-secondary', close)]);
  }

  function interstitial() {
    if (shownOnce.interstitial || !onSearchPage()) return;
    shownOnce.interstitial = true;
    var root;
    root = cover('interstitial-page', 'Viktig information',
      'Från och med nästa månad ändras reglerna för avbokning. Läs mer på trafikverket.se.',
      [button('Fortsätt till bokningen', 'btn btn-primary', function () { root.remove(); })]);
  }

  function moveQrCanvas(container) {
    var canvas = container.querySelector(':scope > canvas');
    if (!canvas) return;
    if (active.qr_iframe) {
      var frame = document.createElement('iframe');
      frame.setAttribute('title', 'BankID');
      frame.style.cssText = 'width:272px;height:272px;border:0';
      container.replaceChildren(frame);
      var doc = frame.contentDocument;
      doc.body.style.margin = '0';
      doc.body.appendChild(canvas); // the app keeps drawing on the same canvas
    } else if (active.qr_shadow_dom) {
      var host = document.createElement('div');
      host.className = 'qr-host';
      container.replaceChildren(host);
      host.attachShadow({ mode: 'open' }).appendChild(canvas);
    }
  }

  function apply() {
    if (active.login_button_id) {
      each('#desktop-login-button', function (el) { el.id = 'desktop-signin-button'; });
    }
    if (active.start_tile_title) {
      each("button.tile[title='Boka prov']", function (el) { el.title = 'Boka ett prov'; });
    }
    if (active.cookie_button_text) {
      each('#cookie-banner button.btn-primary', function (el) {
        if (el.textContent === 'Godkänn nödvändiga') el.textContent = 'Endast nödvändiga';
      });
    }
    if (active.pay_button_text) {
      each('#pay-invoice-button', function (el) {
        if (el.textContent === 'Betala senare') el.textContent = 'Faktura';
      });
    }
    if (active.pay_button_id) {
      each('#pay-invoice-button', function (el) { el.id = 'invoice-pay-button'; });
    }
    if (active.qr_container_class) {
      each('div.qrcode', function (el) { el.className = 'qr-container'; });
    }
    if (active.qr_iframe || active.qr_shadow_dom) {
      each('app-login-dialog div.qrcode, app-login-dialog div.qr-container', moveQrCanvas);
    }
    if (active.interstitial_page) interstitial();
    if (active.survey_dialog && !document.querySelector('.interstitial-page')) survey();
  }

  function start() {
    apply();
    new MutationObserver(apply).observe(document.body, { childList: true, subtree: true });
  }

  // After the app's own start-up (its listener was added first), so it finds its elements.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
