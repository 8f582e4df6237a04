/* Single-page app of the local "Boka prov" replica: router, pages, BankID login with animated QR. */
(function () {
  'use strict';

  var API_BASE = '/Boka/';
  var NG = '/Boka/ng/';
  var QR_DRAW_LOG = '/_replica/qr-draws';
  var REPLICA_CONFIG = '/_replica/config';
  // Polls come about every 2 s: each waits at least this long, then up to 1 s more (see schedulePoll).
  // The first few come quicker, to learn the server's clock before anyone scans.
  var POLL_MIN_GAP_S = 1.5;
  var EARLY_POLL_MIN_GAP_S = 0.4;
  var EARLY_POLLS = 3;
  var QR_LEAD_S = 0.2;
  var KEEP_ALIVE_MS = 60000;
  var MAX_LOCATIONS_DEFAULT = 4;
  var NBSP = '\u00a0';
  var WEEKDAYS = ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'];
  var MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
  var CATEGORY_TITLES = {
    licenceMoped: 'Moped',
    licenceMotorcycle: 'Motorcykel',
    licenceCar: 'Personbil',
    licenceTruck: 'Lastbil',
    licenceBus: 'Buss',
    licenceProfessionalDriver: 'Yrkesförare',
    licenceProfessionalKnowledge: 'Yrkeskunnande',
    licenceTractor: 'Traktor',
    licenceMSB: 'Farligt gods',
    licenceSIK: 'Arbete på väg',
  };
  var GENERIC_ERROR = 'Något gick fel. Försök igen om en stund.';
  var UNAVAILABLE_ERROR = 'Tjänsten är inte tillgänglig just nu. Försök igen senare.';

  // ------------------------------------------------------------------ DOM helpers

  function h(tag, props) {
    var el = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (key) {
        var value = props[key];
        if (value === null || value === undefined || value === false) return;
        if (key === 'class') el.className = value;
        else if (key === 'text') el.textContent = value;
        else if (key.slice(0, 2) === 'on' && typeof value === 'function') {
          el.addEventListener(key.slice(2), value);
        } else if (key === 'value') el.value = value;
        else if (value === true) el.setAttribute(key, '');
        else el.setAttribute(key, String(value));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }

  function append(parent, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) {
      child.forEach(function (c) { append(parent, c); });
    } else if (typeof child === 'string' || typeof child === 'number') {
      parent.appendChild(document.createTextNode(String(child)));
    } else {
      parent.appendChild(child);
    }
  }

  /** Replaces an element's children; null children are skipped (replaceChildren would print them). */
  function fill(parent, children) {
    parent.replaceChildren();
    append(parent, children);
  }

  function $(selector, root) { return (root || document).querySelector(selector); }

  function alertDanger(message) {
    return h('div', { class: 'alert alert-danger', role: 'alert' }, message);
  }

  function showAlert(holder, message) {
    holder.replaceChildren();
    if (message) holder.appendChild(alertDanger(message));
  }

  // ------------------------------------------------------------------ formatting

  /** "onsdag 10 jun 2026,<nbsp>08:00" from "YYYY-MM-DD" and "HH:MM" (Stockholm local). */
  function formatDateTime(dateText, timeText) {
    var parts = String(dateText).split('-').map(Number);
    var weekday = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2])).getUTCDay();
    return WEEKDAYS[weekday] + ' ' + parts[2] + ' ' + MONTHS[parts[1] - 1] + ' ' + parts[0] + ',' +
      NBSP + String(timeText).slice(0, 5);
  }

  /** The same format from an ISO time with the Stockholm offset ("2026-06-10T08:00:00+02:00"). */
  function formatIsoLocal(iso) {
    var text = String(iso || '');
    if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) return text;
    return formatDateTime(text.slice(0, 10), text.slice(11, 16));
  }

  /** "1<nbsp>800 kr" from "1800" (also accepts numbers and "1 800 kr"). */
  function formatPrice(cost) {
    var digits = String(cost === null || cost === undefined ? '' : cost).replace(/[^\d]/g, '');
    if (!digits) return '';
    return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP) + ' kr';
  }

  function formatCountdown(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    var minutes = Math.floor(s / 60);
    var rest = s % 60;
    return minutes + ':' + (rest < 10 ? '0' : '') + rest;
  }

  function randomToken() {
    var letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    var bytes = new Uint8Array(14);
    crypto.getRandomValues(bytes);
    var out = '';
    for (var i = 0; i < bytes.length; i++) out += letters[bytes[i] % letters.length];
    return out;
  }

  function searchPath(token, licenceId, examinationTypeId) {
    return NG + 'search/' + token + '/' + licenceId + '/' + (examinationTypeId || 0) + '/0/0';
  }

  // ------------------------------------------------------------------ session state

  var store = {
    get: function (key, fallback) {
      try {
        var raw = sessionStorage.getItem('trv.' + key);
        return raw === null ? fallback : JSON.parse(raw);
      } catch (e) {
        return fallback;
      }
    },
    set: function (key, value) {
      try { sessionStorage.setItem('trv.' + key, JSON.stringify(value)); } catch (e) { /* private mode */ }
    },
    clear: function () {
      try {
        Object.keys(sessionStorage).forEach(function (k) {
          if (k.indexOf('trv.') === 0) sessionStorage.removeItem(k);
        });
      } catch (e) { /* private mode */ }
    },
  };

  var state = {
    loggedIn: false,
    start: null,
    ssn: store.get('ssn', ''),
    licenceId: store.get('licenceId', 0),
    // Choices of the search form for state.licenceId, kept so reloads and "Boka prov" resume them.
    search: store.get('search', null),
  };

  function saveState() {
    store.set('ssn', state.ssn);
    store.set('licenceId', state.licenceId);
    store.set('search', state.search);
  }

  function emptySearch(licenceId, examinationTypeId) {
    return {
      licenceId: licenceId,
      examinationTypeId: examinationTypeId || 0,
      vehicleTypeId: 0,
      languageId: 0,
      locationIds: [],
      rescheduling: false,
    };
  }

  function bookingSession(examinationTypeId) {
    return {
      socialSecurityNumber: state.ssn,
      licenceId: state.licenceId,
      bookingModeId: 0,
      ignoreDebt: false,
      ignoreBookingHindrance: false,
      examinationTypeId: examinationTypeId || 0,
      excludeExaminationCategories: [],
      // Rebooking needs no flag: reserving a booked exam type again rebooks it.
      rescheduleTypeId: 0,
      paymentIsActive: false,
      paymentReference: '',
      paymentUrl: '',
      searchedMonths: 0,
    };
  }

  // ------------------------------------------------------------------ JSON API

  function ApiError(message, type, status) {
    this.message = message;
    this.type = type;
    this.status = status;
  }

  function isLoginRequired(error) {
    return error instanceof ApiError && error.type === 'LoginRequiredException';
  }

  function isAborted(error) {
    return error instanceof ApiError && error.type === 'AbortError';
  }

  function loginRequired() {
    state.loggedIn = false;
    updateHeader();
    loginDialog.open();
    return new ApiError('Du måste vara inloggad.', 'LoginRequiredException', 400);
  }

  /** POST /Boka/<endpoint>; resolves to the envelope's `data`, rejects with ApiError. */
  function api(endpoint, body, signal) {
    var init = {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body === undefined ? null : body),
      credentials: 'same-origin',
    };
    if (signal) init.signal = signal;
    return fetch(API_BASE + endpoint, init).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try { json = JSON.parse(text); } catch (e) { json = null; }
        if (json === null || typeof json !== 'object') {
          // An HTML page with status 200 is how an expired session sometimes answers.
          if (response.status === 200) throw loginRequired();
          throw new ApiError(response.status >= 500 ? UNAVAILABLE_ERROR : GENERIC_ERROR,
            'HttpError', response.status);
        }
        if (response.status === 200 && json.status === 401 && !('data' in json)) throw loginRequired();
        // The BankID poll reports a failed order with HTTP 200 and "status": 400 inside.
        var failed = typeof json.status === 'number' && json.status !== 200 && json.type;
        if (response.ok && !failed) return json.data;
        if (json.type === 'LoginRequiredException') throw loginRequired();
        var message = json.data && json.data.message ? json.data.message : GENERIC_ERROR;
        throw new ApiError(message, json.type || 'HttpError', response.status);
      });
    }, function (error) {
      if (error && error.name === 'AbortError') throw new ApiError('', 'AbortError', 0);
      throw new ApiError('Det gick inte att nå servern. Kontrollera anslutningen och försök igen.',
        'NetworkError', 0);
    });
  }

  /** Switches the server wrote into the page shell (a meta tag), read at start-up. */
  function shellSwitches() {
    var meta = document.querySelector('meta[name="replica-switches"]');
    try {
      return meta ? JSON.parse(meta.getAttribute('content')) || {} : {};
    } catch (e) {
      return {};
    }
  }

  /** Live switches from the replica's test controls; without them, the shell's switches. */
  function replicaSwitches() {
    var fallback = { mobileResults: Boolean(shellSwitches().mobileResults) };
    return fetch(REPLICA_CONFIG, { credentials: 'same-origin' }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (config) {
      if (!config || typeof config !== 'object') return fallback;
      var source = config;
      var switches = source.switches || source.config || source;
      return {
        mobileResults: Boolean(switches.mobile_results || switches.mobileResults),
      };
    }).catch(function () {
      return fallback;
    });
  }

  function ensureSsn() {
    if (state.ssn) return Promise.resolve(state.ssn);
    return api('licence-information', null).then(function (data) {
      state.ssn = (data && data.socialSecurityNumber) || '';
      saveState();
      return state.ssn;
    });
  }

  var bankIdPayload = window.TrvBankId.payload;

  // ------------------------------------------------------------------ overlays

  function overlay(className, content) {
    var root = h('div', { class: className }, content);
    document.body.appendChild(root);
    return root;
  }

  function readCookie(name) {
    var match = document.cookie.split('; ').filter(function (c) { return c.indexOf(name + '=') === 0; });
    return match.length ? match[0].slice(name.length + 1) : null;
  }

  function showCookieBannerIfNeeded() {
    if (readCookie('TrvCookieConsent') !== null) return;
    var root;
    function consent(all) {
      var value = encodeURIComponent('functional=' + all + '&analytical=' + all);
      document.cookie = 'TrvCookieConsent=' + value + '; path=/; max-age=31536000; SameSite=Lax';
      root.remove();
    }
    root = overlay('cookie-overlay',
      h('div', { class: 'cookie-banner', id: 'cookie-banner', role: 'dialog', 'aria-modal': 'true',
        'aria-labelledby': 'cookie-banner-title' },
        h('h2', { id: 'cookie-banner-title', text: 'Vi använder kakor' }),
        h('p', { text: 'Trafikverket använder kakor (cookies) för att webbplatsen ska fungera. ' +
          'Du kan välja att bara godkänna de nödvändiga kakorna.' }),
        h('button', { type: 'button', class: 'btn btn-primary', text: 'Godkänn nödvändiga',
          onclick: function () { consent(false); } }),
        h('button', { type: 'button', class: 'btn btn-secondary', text: 'Godkänn alla',
          onclick: function () { consent(true); } })));
  }

  function confirmLogout() {
    var root;
    function close() { root.remove(); }
    root = overlay('overlay-container show logout-overlay',
      h('div', { class: 'dialog-card', role: 'dialog', 'aria-modal': 'true' },
        h('h2', { text: 'Logga ut' }),
        h('p', { text: 'Vill du logga ut?' }),
        h('div', { class: 'dialog-buttons' },
          h('button', { type: 'button', class: 'btn btn-primary', text: 'Ja, logga ut',
            onclick: function () {
              close();
              api('sign-out', null).catch(function () { return null; }).then(function () {
                state.loggedIn = false;
                state.ssn = '';
                state.licenceId = 0;
                state.search = null;
                store.clear();
                updateHeader();
                navigate(NG);
              });
            } }),
          h('button', { type: 'button', class: 'btn btn-secondary', text: 'Avbryt', onclick: close }))));
  }

  // ------------------------------------------------------------------ login dialog

  var loginDialog = (function () {
    var root = null;
    var parts = null;
    var order = null; // the BankID order being shown

    function isOpen() { return root !== null; }

    function build() {
      var otp = Boolean(state.start && state.start.otpEnabled);
      parts = {};
      parts.alert = h('div', { class: 'login-alert' });
      parts.methods = h('fieldset', { class: 'login-methods' },
        h('legend', { class: 'text-muted', text: 'Välj inloggningsmetod' }),
        h('label', null, h('input', { type: 'radio', name: 'login-method', value: 'bankid',
          id: 'login-method-bankid', checked: true }), ' Mobilt BankID'),
        otp ? h('label', null, h('input', { type: 'radio', name: 'login-method', value: 'otp',
          id: 'login-method-otp' }), ' Engångskod') : null);
      parts.qrcode = h('div', { class: 'qrcode' });
      parts.autostart = h('a', { class: 'bankid-autostart', href: '#',
        text: 'Öppna BankID på den här enheten' });
      parts.qrSection = h('div', { class: 'bankid-qr', hidden: true },
        parts.qrcode,
        h('p', { class: 'bankid-instruction', text: 'Starta BankID-appen och skanna QR-koden' }),
        h('p', null, parts.autostart));
      parts.continueButton = h('button', { type: 'button', class: 'btn btn-primary',
        id: 'login-continue-button', text: 'Fortsätt', onclick: onContinue });
      parts.cancelButton = h('button', { type: 'button', class: 'btn btn-secondary',
        id: 'login-cancel-button', text: 'Avbryt', onclick: close });
      var card = h('div', { class: 'dialog-card', role: 'dialog', 'aria-modal': 'true',
        'aria-labelledby': 'login-title' },
        h('h2', { class: 'login-title', id: 'login-title', text: 'Logga in' }),
        parts.alert,
        parts.methods,
        parts.qrSection,
        h('div', { class: 'dialog-buttons' }, parts.continueButton, parts.cancelButton));
      return h('app-overlay', null,
        h('div', { class: 'overlay-container show' }, h('app-login-dialog', null, card)));
    }

    function open() {
      if (root) return;
      root = build();
      document.body.appendChild(root);
    }

    function close() {
      stopOrder();
      if (root) root.remove();
      root = null;
      parts = null;
    }

    function stopOrder() {
      if (!order) return;
      clearTimeout(order.pollTimer);
      clearTimeout(order.tickTimer);
      order = null;
    }

    function showFailure(message) {
      stopOrder();
      if (!parts) return;
      parts.qrSection.hidden = true;
      parts.qrcode.replaceChildren();
      parts.methods.hidden = false;
      parts.continueButton.hidden = false;
      parts.continueButton.disabled = false;
      parts.alert.replaceChildren(h('div', { class: 'alert alert-danger', role: 'alert' },
        h('strong', { text: 'Fel vid inloggning' }),
        message && message !== 'Fel vid inloggning' ? h('div', { text: message }) : null));
    }

    function onContinue() {
      var method = $('input[name="login-method"]:checked', root);
      parts.alert.replaceChildren();
      if (method && method.value === 'otp') {
        parts.alert.appendChild(alertDanger('Inloggning med engångskod är inte tillgänglig just nu.'));
        return;
      }
      parts.continueButton.disabled = true;
      stopOrder();
      var sentAt = Date.now() / 1000;
      api('begin-authentication', null).then(function (data) {
        if (!parts) return;
        startOrder(data, sentAt);
      }, function (error) {
        if (!parts) return;
        showFailure(error.message);
      });
    }

    function startOrder(data, sentAt) {
      var now = Date.now() / 1000;
      var qrStartTime = Number(data.qrStartTime);
      order = {
        referenceId: data.referenceId,
        qrStartToken: data.qrStartToken,
        qrStartSecret: data.qrStartSecret,
        qrStartTime: qrStartTime,
        // Server clock minus ours, taking the order as started when its answer arrived. The server
        // is ahead of that estimate by some d in [dLow, dHigh): qrStartTime is a floored time and
        // the answer took a while to come. Polls narrow the interval down.
        offset: qrStartTime - now,
        dLow: 0,
        dHigh: 1 + (now - sentAt),
        roundTrip: now - sentAt,
        lastPollAt: now,
        polls: 0,
        shownSeconds: -1,
        canvas: null,
        pollTimer: null,
        tickTimer: null,
      };
      parts.autostart.setAttribute('href',
        'bankid:///?autostarttoken=' + encodeURIComponent(data.autostartToken) + '&redirect=null');
      parts.methods.hidden = true;
      parts.continueButton.hidden = true;
      var current = order;
      tick(current);
      schedulePoll(current);
    }

    /** Our estimate of the whole seconds elapsed on the server's clock, minus a bit of d. */
    function estimate(o, at) { return at + o.offset - o.qrStartTime; }

    // The payload for the next second goes up slightly early (the server accepts up to 0.25 s),
    // so what is on screen is as fresh as possible when a phone reads it.
    function drawnSecond(o) {
      return estimate(o, Date.now() / 1000) + o.dLow + QR_LEAD_S;
    }

    function tick(o) {
      if (o !== order) return;
      clearTimeout(o.tickTimer);
      var seconds = Math.max(0, Math.floor(drawnSecond(o)));
      var drawn = seconds === o.shownSeconds ? Promise.resolve() :
        bankIdPayload(o.qrStartToken, o.qrStartSecret, seconds).then(function (payload) {
          if (o !== order) return;
          draw(o, payload);
          o.shownSeconds = seconds;
        });
      drawn.then(function () {
        if (o !== order) return;
        var e = drawnSecond(o);
        var untilNextSecond = (Math.floor(e) + 1 - e) * 1000;
        o.tickTimer = setTimeout(function () { tick(o); },
          Math.max(5, Math.min(1000, untilNextSecond + 5)));
      });
    }

    function draw(o, payload) {
      if (!o.canvas) {
        o.canvas = h('canvas', { width: 256, height: 256, 'aria-label': 'QR-kod för BankID' });
      }
      window.QrCode.drawToCanvas(o.canvas, payload);
      if (!o.canvas.parentNode) {
        // Inserted only once drawn, so nobody ever sees a blank canvas.
        parts.qrcode.replaceChildren(o.canvas);
        parts.qrSection.hidden = false;
      }
      try {
        navigator.sendBeacon(QR_DRAW_LOG, JSON.stringify({
          referenceId: o.referenceId, payload: payload, drawnAtMs: Date.now(),
        }));
      } catch (e) { /* the draw log is a test aid only */ }
    }

    // Time each poll so the server reads its clock where, by our estimate, a second ticks over
    // in the middle of [dLow, dHigh): its answer then halves the interval (a bisection).
    function schedulePoll(o) {
      var minimumWaitS = o.polls < EARLY_POLLS ? EARLY_POLL_MIN_GAP_S : POLL_MIN_GAP_S;
      var now = Date.now() / 1000;
      var middle = (o.dLow + o.dHigh) / 2;
      var earliest = Math.max(now, o.lastPollAt + minimumWaitS);
      var serverReadsAt = estimate(o, earliest + o.roundTrip / 2) + middle;
      var boundary = Math.ceil(serverReadsAt);
      var sendAt = earliest + (boundary - serverReadsAt);
      o.pollTimer = setTimeout(function () { poll(o); }, Math.max(0, (sendAt - now) * 1000));
    }

    function calibrate(o, qrCode, sentAt, receivedAt) {
      var fields = typeof qrCode === 'string' ? qrCode.split('.') : [];
      if (fields.length !== 4 || fields[1] !== o.qrStartToken || !/^\d+$/.test(fields[2])) return;
      var seconds = Number(fields[2]);
      var low = seconds - estimate(o, receivedAt); // its clock read >= seconds before we got it
      var high = seconds + 1 - estimate(o, sentAt); // and < seconds + 1 after we asked
      var before = o.dLow;
      if (low > o.dLow) o.dLow = low;
      if (high < o.dHigh) o.dHigh = high;
      if (o.dLow > o.dHigh) {
        // Our clock or the server's jumped: start over from this answer alone.
        o.dLow = low;
        o.dHigh = Math.max(high, low);
      }
      o.roundTrip = receivedAt - sentAt;
      if (o.dLow !== before) tick(o);
    }

    function poll(o) {
      if (o !== order) return;
      var sentAt = Date.now() / 1000;
      o.lastPollAt = sentAt;
      o.polls += 1;
      api('check-authentication-status-qr', {
        referenceId: o.referenceId,
        qrStartToken: o.qrStartToken,
        qrStartTime: o.qrStartTime,
        qrStartSecret: o.qrStartSecret,
      }).then(function (data) {
        if (o !== order) return;
        calibrate(o, data && data.qrCode, sentAt, Date.now() / 1000);
        if (data && data.collectionStatus === 'Completed') {
          completed(data.loginStatus);
          return;
        }
        schedulePoll(o);
      }, function (error) {
        if (o !== order) return;
        if (error.type === 'BankIdException') {
          showFailure(error.message);
          return;
        }
        // Transient trouble (network, 5xx): keep polling; the order itself times out server-side.
        schedulePoll(o);
      });
    }

    function completed(loginStatus) {
      var ssn = '';
      if (typeof loginStatus === 'string') ssn = loginStatus;
      else if (loginStatus && typeof loginStatus === 'object') ssn = loginStatus.socialSecurityNumber || '';
      if (ssn && ssn !== state.ssn) {
        state.licenceId = 0;
        state.search = null;
      }
      state.ssn = ssn || state.ssn;
      state.loggedIn = true;
      saveState();
      close();
      updateHeader();
      navigate(NG + 'licence');
    }

    return { open: open, close: close, isOpen: isOpen };
  })();

  // ------------------------------------------------------------------ header

  function updateHeader() {
    var text = state.loggedIn ? 'Logga ut' : 'Logga in';
    // Held since start-up: the test-only drift controls may rename the button's id.
    loginButton.textContent = text;
    $('.dropdown-item[data-action="login"]').textContent = text;
  }

  function startBooking() {
    if (!state.loggedIn) {
      loginDialog.open();
      return;
    }
    if (state.licenceId) {
      var examinationTypeId = state.search && state.search.licenceId === state.licenceId ?
        state.search.examinationTypeId : 0;
      navigate(searchPath(randomToken(), state.licenceId, examinationTypeId));
    } else {
      navigate(NG + 'licence');
    }
  }

  function openExams() {
    if (!state.loggedIn) {
      loginDialog.open();
      return;
    }
    navigate(NG + 'exams');
  }

  function loginOrLogout() {
    if (state.loggedIn) confirmLogout();
    else loginDialog.open();
  }

  function closeMenu() {
    var menu = $('#menu-dropdown .dropdown-menu');
    menu.hidden = true;
    $('#menu-button').setAttribute('aria-expanded', 'false');
  }

  var loginButton = null;

  function wireHeader() {
    loginButton = $('#desktop-login-button');
    $('#desktop-booking-button').addEventListener('click', startBooking);
    $('#mobile-booking-button').addEventListener('click', startBooking);
    $('#desktop-exams-button').addEventListener('click', openExams);
    $('#mobile-exams-button').addEventListener('click', openExams);
    loginButton.addEventListener('click', loginOrLogout);
    $('#menu-button').addEventListener('click', function (event) {
      event.stopPropagation();
      var menu = $('#menu-dropdown .dropdown-menu');
      menu.hidden = !menu.hidden;
      this.setAttribute('aria-expanded', String(!menu.hidden));
    });
    $('#menu-dropdown .dropdown-menu').addEventListener('click', function (event) {
      var item = event.target.closest('.dropdown-item');
      if (!item) return;
      closeMenu();
      var action = item.getAttribute('data-action');
      if (action === 'booking') startBooking();
      else if (action === 'exams') openExams();
      else loginOrLogout();
    });
    document.addEventListener('click', function (event) {
      if (!event.target.closest('#menu-dropdown')) closeMenu();
    });
    document.addEventListener('click', function (event) {
      var link = event.target.closest('a[data-link]');
      if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
      event.preventDefault();
      navigate(link.getAttribute('href'));
    });
  }

  function keepAlive() {
    api('is-system-updating', null).then(function (data) {
      var holder = $('#global-message');
      if (data && data.isUpdating) {
        holder.textContent = data.updateMessage || 'Systemet uppdateras.';
        holder.hidden = false;
      } else {
        holder.hidden = true;
      }
    }, function () { return null; });
  }

  // ------------------------------------------------------------------ router

  var main = null;
  var currentView = null;

  function navigate(path, replace) {
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    render();
  }

  function parseRoute(pathname) {
    var match = /^\/boka\/ng\/?(.*)$/i.exec(pathname);
    var segments = match ? match[1].split('/').filter(Boolean) : [];
    var name = (segments[0] || '').toLowerCase();
    if (name === 'licence') return { page: renderLicence };
    if (name === 'search') {
      return {
        page: renderSearch,
        token: /^[A-Za-z]{14}$/.test(segments[1] || '') ? segments[1] : randomToken(),
        licenceId: Number(segments[2]) || 0,
        examinationTypeId: Number(segments[3]) || 0,
      };
    }
    if (name === 'reservation') return { page: renderReservation };
    if (name === 'exams') return { page: renderExams };
    if (name === 'confirmation') return { page: renderConfirmation, bookingId: segments[1] || '' };
    return { page: renderStart };
  }

  function render() {
    if (currentView) currentView.leave();
    var view = {
      active: true,
      cleanups: [],
      leave: function () {
        this.active = false;
        this.cleanups.forEach(function (fn) { try { fn(); } catch (e) { /* already gone */ } });
      },
    };
    currentView = view;
    closeMenu();
    main.replaceChildren();
    var route = parseRoute(location.pathname);
    route.page(view, route);
    window.scrollTo(0, 0);
  }

  /** Shows an API failure on a page; "login required" has already reopened the login dialog. */
  function failPage(view, holder, error) {
    if (!view.active || isAborted(error)) return;
    if (isLoginRequired(error)) {
      holder.replaceChildren(h('p', { class: 'text-muted', text: 'Du måste logga in för att fortsätta.' }));
      return;
    }
    showAlert(holder, error && error.message ? error.message : GENERIC_ERROR);
  }

  // ------------------------------------------------------------------ start page

  function renderStart(view) {
    append(main, [
      h('h1', { text: 'Förarprov' }),
      h('p', { text: 'Här kan du boka, omboka och avboka kunskapsprov och körprov.' }),
      h('div', { class: 'start-tiles' },
        h('button', { type: 'button', class: 'tile', title: 'Boka prov', text: 'Boka prov',
          onclick: startBooking }),
        h('button', { type: 'button', class: 'tile', title: 'Mina prov', text: 'Mina prov',
          onclick: openExams })),
    ]);
    return view;
  }

  // ------------------------------------------------------------------ licence page

  function renderLicence(view) {
    var body = h('div', { class: 'licence-list' },
      h('p', { class: 'loading', text: 'Hämtar behörigheter…' }));
    append(main, [h('h1', { text: 'Välj körkortstyp' }), body]);
    api('licence-information', null).then(function (data) {
      if (!view.active) return;
      if (data && data.socialSecurityNumber) {
        state.ssn = data.socialSecurityNumber;
        saveState();
      }
      body.replaceChildren();
      ((data && data.licenceCategories) || []).forEach(function (category) {
        var licences = (category.licences || []).slice().sort(function (a, b) {
          return (a.sortOrder || 0) - (b.sortOrder || 0);
        });
        append(body, [
          h('h2', { class: 'licence-category', text: CATEGORY_TITLES[category.name] || category.name }),
          h('div', { class: 'list-group' }, licences.map(function (licence) {
            return h('button', { type: 'button', class: 'list-group-item list-group-item-action',
              title: licence.name, 'data-licence-id': licence.id,
              onclick: function () { chooseLicence(licence.id); } },
              h('span', { class: 'list-group-item-heading', text: licence.name }),
              h('span', { class: 'list-group-item-text', text: licence.description }));
          })),
        ]);
      });
    }, function (error) { failPage(view, body, error); });
  }

  function chooseLicence(licenceId) {
    state.licenceId = licenceId;
    state.search = emptySearch(licenceId, 0);
    saveState();
    navigate(searchPath(randomToken(), licenceId, 0));
  }

  // ------------------------------------------------------------------ search page

  function optionsFor(select, items, selectedId, labelOf) {
    select.replaceChildren(h('option', { value: '0: null', text: 'Välj' }));
    var selectedIndex = 0;
    items.forEach(function (item, index) {
      select.appendChild(h('option', { value: (index + 1) + ': ' + item.id, text: labelOf(item) }));
      if (item.id === selectedId) selectedIndex = index + 1;
    });
    select.selectedIndex = selectedIndex;
  }

  function selectedId(select, items) {
    var index = select.selectedIndex;
    return index > 0 && items[index - 1] ? items[index - 1].id : 0;
  }

  function renderSearch(view, route) {
    if (route.licenceId) state.licenceId = route.licenceId;
    if (!state.search || state.search.licenceId !== state.licenceId) {
      state.search = emptySearch(state.licenceId, route.examinationTypeId);
    }
    if (state.search.examinationTypeId !== route.examinationTypeId) {
      var rescheduling = state.search.rescheduling;
      state.search = emptySearch(state.licenceId, route.examinationTypeId);
      state.search.rescheduling = rescheduling;
    }
    saveState();

    var sel = state.search;
    var info = null;
    var infoSeq = 0;
    var searchSeq = 0;
    var searchAbort = null;

    var errors = h('div', { class: 'search-errors' });
    var hindrances = h('div', { class: 'search-hindrances' });
    var licenceSelect = h('select', { id: 'licence-type-select', class: 'form-control' });
    var examSelect = h('select', { id: 'examination-type-select', class: 'form-control' });
    var vehicleSelect = h('select', { id: 'vehicle-select', class: 'form-control' });
    var languageSelect = h('select', { id: 'language-select', class: 'form-control' });
    var locationButton = h('button', { type: 'button', id: 'select-location-search',
      class: 'btn btn-secondary', title: 'Välj provort' });
    var examGroup = h('div', { class: 'form-group', id: 'examination-type-group' },
      h('label', { for: 'examination-type-select', text: 'Välj prov' }), examSelect);
    var vehicleGroup = h('div', { class: 'form-group', id: 'vehicle-group', hidden: true },
      h('label', { for: 'vehicle-select', text: 'Välj bil att hyra från Trafikverket' }), vehicleSelect);
    var languageGroup = h('div', { class: 'form-group', id: 'language-group', hidden: true },
      h('label', { for: 'language-select', text: 'Välj språk' }), languageSelect);
    var results = h('div', { class: 'results', id: 'search-results' });
    var form = h('form', { class: 'search-form', novalidate: true,
      onsubmit: function (event) { event.preventDefault(); } },
      h('div', { class: 'form-group' },
        h('label', { for: 'licence-type-select', text: 'Vad vill du boka?' }), licenceSelect),
      examGroup,
      h('div', { class: 'form-group' },
        h('label', { for: 'select-location-search', text: 'Var vill du göra provet?' }), locationButton),
      vehicleGroup,
      languageGroup);
    form.hidden = true;
    var loading = h('p', { class: 'loading', text: 'Hämtar sökalternativ…' });
    append(main, [h('h1', { text: 'Boka prov' }), hindrances, errors, loading, form, results]);

    view.cleanups.push(function () {
      if (searchAbort) searchAbort.abort();
      var modal = $('#location-modal-backdrop');
      if (modal) modal.remove();
    });

    function examType() {
      return info && (info.examinationTypes || []).filter(function (t) {
        return t.id === sel.examinationTypeId;
      })[0];
    }

    function showVehicle() { return Boolean(info && sel.examinationTypeId && info.showVehicleType); }
    function showLanguage() { return Boolean(info && sel.examinationTypeId && info.showLanguage); }

    function locationsOffered() {
      var type = examType();
      return ((info && info.locations) || []).filter(function (entry) {
        if (!type) return true;
        return (entry.examinationCategories || []).some(function (c) {
          return c.value === type.examinationCategory;
        });
      }).map(function (entry) { return entry.location; });
    }

    function locationName(id) {
      var found = ((info && info.locations) || []).filter(function (e) { return e.location.id === id; })[0];
      return found ? found.location.name : String(id);
    }

    function maxLocations() {
      var nearby = info && typeof info.maxNearbyLocations === 'number' ? info.maxNearbyLocations : 3;
      if (info && info.enableNearbyLocations === false) return 1;
      return nearby >= 0 ? nearby + 1 : MAX_LOCATIONS_DEFAULT;
    }

    function updateLocationButton() {
      locationButton.textContent = sel.locationIds.length ?
        sel.locationIds.map(locationName).join(', ') : 'Välj provort';
    }

    function fillForm() {
      var licences = (info.licences || []).slice();
      if (!licences.some(function (l) { return l.id === state.licenceId; })) {
        licences.unshift({ id: state.licenceId, name: String(state.licenceId), description: '' });
      }
      optionsFor(licenceSelect, licences, state.licenceId, function (l) {
        return l.description ? l.name + ' - ' + l.description : l.name;
      });
      licenceSelect.onchange = function () {
        var id = selectedId(licenceSelect, licences);
        if (!id || id === state.licenceId) return;
        chooseLicence(id);
      };
      var types = info.examinationTypes || [];
      optionsFor(examSelect, types, sel.examinationTypeId, function (t) { return t.name; });
      examGroup.hidden = info.showExaminationType === false;
      examSelect.onchange = function () {
        sel.examinationTypeId = selectedId(examSelect, types);
        sel.vehicleTypeId = 0;
        sel.languageId = 0;
        saveState();
        history.replaceState(null, '', searchPath(route.token, state.licenceId, sel.examinationTypeId));
        errors.replaceChildren();
        // Until search-information answers for the new exam type, its selects are unknown.
        vehicleGroup.hidden = true;
        languageGroup.hidden = true;
        loadInformation();
      };
      var vehicles = info.vehicleTypes || [];
      if (!vehicles.some(function (v) { return v.id === sel.vehicleTypeId; })) sel.vehicleTypeId = 0;
      optionsFor(vehicleSelect, vehicles, sel.vehicleTypeId, function (v) { return v.name; });
      vehicleSelect.onchange = function () {
        sel.vehicleTypeId = selectedId(vehicleSelect, vehicles);
        saveState();
        errors.replaceChildren();
        search();
      };
      var languages = info.languages || [];
      if (!languages.some(function (l) { return l.id === sel.languageId; })) sel.languageId = 0;
      optionsFor(languageSelect, languages, sel.languageId, function (l) { return l.name; });
      languageSelect.onchange = function () {
        sel.languageId = selectedId(languageSelect, languages);
        saveState();
        errors.replaceChildren();
        search();
      };
      vehicleGroup.hidden = !showVehicle();
      languageGroup.hidden = !showLanguage();
      // Places that do not offer the chosen exam cannot stay chosen.
      var offered = locationsOffered().map(function (l) { return l.id; });
      sel.locationIds = sel.locationIds.filter(function (id) { return offered.indexOf(id) >= 0; });
      saveState();
      updateLocationButton();
      locationButton.onclick = function () { openLocationPicker(); };
      var messages = info.hindranceMessage || [];
      hindrances.replaceChildren();
      if (messages.length) {
        hindrances.appendChild(h('div', { class: 'alert alert-warning', role: 'status' },
          messages.map(function (m) { return h('p', { text: m }); })));
      }
      form.hidden = false;
      loading.remove();
    }

    function loadInformation() {
      var mySeq = ++infoSeq;
      searchSeq++; // drops any search still in flight
      results.replaceChildren();
      if (searchAbort) searchAbort.abort();
      ensureSsn().then(function () {
        return api('search-information', { bookingSession: bookingSession(sel.examinationTypeId) });
      }).then(function (data) {
        if (!view.active || mySeq !== infoSeq) return;
        info = data || {};
        fillForm();
        search();
      }, function (error) {
        if (!view.active || mySeq !== infoSeq) return;
        loading.remove();
        failPage(view, errors, error);
      });
    }

    function ready() {
      return Boolean(state.licenceId && sel.examinationTypeId && sel.locationIds.length &&
        (!showVehicle() || sel.vehicleTypeId) && (!showLanguage() || sel.languageId));
    }

    function search() {
      var mySeq = ++searchSeq;
      if (searchAbort) searchAbort.abort();
      searchAbort = null;
      if (!ready()) {
        results.replaceChildren();
        return;
      }
      var controller = typeof AbortController === 'function' ? new AbortController() : null;
      searchAbort = controller;
      results.replaceChildren(h('p', { class: 'loading', text: 'Söker efter tider…' }));
      var query = {
        startDate: '1970-01-01T00:00:00.000Z',
        searchedMonths: 0,
        locationId: sel.locationIds[0],
        nearbyLocationIds: sel.locationIds.slice(1),
        languageId: showLanguage() ? sel.languageId : 0,
        vehicleTypeId: showVehicle() ? sel.vehicleTypeId : (info.vehicleTypeId || 0),
        tachographTypeId: info.tachographTypeId || 1,
        occasionChoiceId: info.occasionChoiceId || 1,
        examinationTypeId: sel.examinationTypeId,
      };
      Promise.all([
        api('occasion-bundles', { bookingSession: bookingSession(sel.examinationTypeId),
          occasionBundleQuery: query }, controller ? controller.signal : undefined),
        replicaSwitches(),
      ]).then(function (answers) {
        if (!view.active || mySeq !== searchSeq) return;
        showResults(answers[0], answers[1]);
      }, function (error) {
        if (!view.active || mySeq !== searchSeq) return;
        results.replaceChildren();
        failPage(view, errors, error);
      });
    }

    function showResults(data, switches) {
      var bundles = ((data && data.bundles) || []).filter(function (b) {
        return b && b.occasions && b.occasions.length;
      });
      bundles.sort(function (a, b) {
        var x = a.occasions[0].duration.start;
        var y = b.occasions[0].duration.start;
        return Date.parse(x) - Date.parse(y);
      });
      results.replaceChildren();
      if (!bundles.length) {
        results.appendChild(h('p', { class: 'no-results',
          text: 'Hittar inga lediga tider som matchar dina val' }));
        return;
      }
      append(results, [
        h('h2', { text: 'Lediga provtider' }),
        h('section', { id: 'results-desktop' }, bundles.map(panel)),
        switches.mobileResults ?
          h('section', { id: 'results-mobile', class: 'd-none', hidden: true }, bundles.map(panel)) : null,
      ]);
    }

    function panel(bundle) {
      var occasions = bundle.occasions;
      var when = [];
      var what = [];
      occasions.forEach(function (occasion, index) {
        if (index) {
          when.push(h('br'));
          what.push(h('br'));
        }
        when.push(h('strong', { text: formatDateTime(occasion.date, occasion.time) }), h('br'),
          occasion.locationName);
        what.push(occasion.name);
      });
      var cost = bundle.cost !== undefined && bundle.cost !== null ? bundle.cost : occasions[0].cost;
      what.push(h('br'), h('span', { class: 'text-muted', text: formatPrice(cost) }));
      var button = h('button', { type: 'button', class: 'btn btn-primary', text: 'Välj' });
      button.addEventListener('click', function () { reserve(bundle, button); });
      return h('div', { class: 'panel mb-3' },
        h('div', { class: 'panel-body' },
          h('div', { class: 'row' },
            h('div', { class: 'col-9' },
              h('div', { class: 'row' },
                h('div', { class: 'col-6' }, when),
                h('div', { class: 'col-6' }, what))),
            h('div', { class: 'col-3' }, button))));
    }

    function reserve(bundle, button) {
      var buttons = results.querySelectorAll('button');
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
      errors.replaceChildren();
      api('create-reservation', {
        bookingSession: bookingSession(sel.examinationTypeId),
        occasionBundle: { occasions: bundle.occasions, cost: bundle.cost },
      }).then(function () {
        if (!view.active) return;
        navigate(NG + 'reservation');
      }, function (error) {
        if (!view.active) return;
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
        button.disabled = false;
        failPage(view, errors, error);
        if (!isLoginRequired(error)) search();
      });
    }

    function openLocationPicker() {
      if ($('#location-modal-backdrop')) return;
      var chosen = sel.locationIds.slice();
      var limit = maxLocations();
      var input = h('input', { id: 'location-search-input', class: 'form-control', type: 'text',
        placeholder: 'Sök ort', autocomplete: 'off', 'aria-label': 'Sök ort' });
      var container = h('div', { id: 'location-container' });
      var counter = h('h2', { class: 'location-counter', id: 'location-modal-title' });
      var chosenList = h('ul', { class: 'chosen-locations' });
      var backdrop;

      function toggle(id) {
        var at = chosen.indexOf(id);
        if (at >= 0) chosen.splice(at, 1);
        else if (chosen.length < limit) chosen.push(id);
        refresh();
      }

      function refresh() {
        counter.textContent = 'Välj provort (' + chosen.length + '/' + limit + ')';
        var query = input.value.trim().toLowerCase();
        container.replaceChildren();
        if (query) {
          locationsOffered().filter(function (place) {
            return place.name.toLowerCase().indexOf(query) >= 0;
          }).forEach(function (place) {
            var isChosen = chosen.indexOf(place.id) >= 0;
            container.appendChild(h('button', {
              type: 'button',
              class: 'select-item mb-2' + (isChosen ? ' selected' : ''),
              'data-location-id': place.id,
              'aria-pressed': String(isChosen),
              disabled: !isChosen && chosen.length >= limit,
              onclick: function () { toggle(place.id); },
            }, h('span', { class: 'location-name', text: place.name }),
            isChosen ? h('span', { class: 'remove-label', text: 'Ta bort' }) : null));
          });
        }
        chosenList.replaceChildren();
        chosen.forEach(function (id) {
          chosenList.appendChild(h('li', { 'data-location-id': id },
            h('span', { text: locationName(id) }),
            h('button', { type: 'button', class: 'btn btn-link', text: 'Ta bort',
              onclick: function () { toggle(id); } })));
        });
      }

      function confirm() {
        document.removeEventListener('keydown', onKey);
        backdrop.remove();
        var changed = chosen.join(',') !== sel.locationIds.join(',');
        sel.locationIds = chosen.slice();
        saveState();
        updateLocationButton();
        if (changed) {
          errors.replaceChildren();
          search();
        }
        locationButton.focus();
      }

      function onKey(event) {
        if (event.key === 'Escape') confirm();
      }

      input.addEventListener('input', refresh);
      backdrop = h('div', { class: 'modal-backdrop', id: 'location-modal-backdrop' },
        h('div', { class: 'modal-content', id: 'location-modal', role: 'dialog', 'aria-modal': 'true',
          'aria-labelledby': 'location-modal-title' },
          counter,
          input,
          container,
          h('h3', { text: 'Valda provorter' }),
          chosenList,
          h('div', { class: 'dialog-buttons' },
            h('button', { type: 'button', class: 'btn btn-primary', id: 'location-confirm-button',
              text: 'Bekräfta', onclick: confirm }))));
      document.addEventListener('keydown', onKey);
      document.body.appendChild(backdrop);
      refresh();
      input.focus();
    }

    loadInformation();
  }

  // ------------------------------------------------------------------ cart (reservation)

  function renderReservation(view) {
    var errors = h('div', { class: 'cart-errors' });
    var body = h('div', { class: 'cart' }, h('p', { class: 'loading', text: 'Hämtar din reservation…' }));
    append(main, [h('h1', { text: 'Kundvagn' }), errors, body]);
    var deadline = null;
    var countdownTimer = null;
    var resyncTimer = null;
    var expired = false;
    var countdown = h('span', { class: 'countdown', id: 'reservation-countdown' });
    var continueButton = h('button', { type: 'button', class: 'btn btn-primary', id: 'cart-continue-button',
      text: 'Gå vidare' });
    var payment = h('div', { class: 'payment card mb-3', id: 'payment-section', hidden: true });
    var cart = null;
    var expiryDates = [];
    view.cleanups.push(function () {
      clearInterval(countdownTimer);
      clearInterval(resyncTimer);
    });

    function session() {
      var examinationTypeId = state.search ? state.search.examinationTypeId : 0;
      return bookingSession(examinationTypeId);
    }

    function onExpired() {
      expired = true;
      clearInterval(countdownTimer);
      clearInterval(resyncTimer);
      countdown.textContent = '0:00';
      continueButton.disabled = true;
      var pay = $('#pay-invoice-button');
      if (pay) pay.disabled = true;
      showAlert(errors, 'Reservationen har gått ut');
    }

    function tickCountdown() {
      if (deadline === null || expired) return;
      var left = (deadline - Date.now()) / 1000;
      if (left <= 0) onExpired();
      else countdown.textContent = formatCountdown(left);
    }

    function syncTime() {
      if (!expiryDates.length) return Promise.resolve();
      return api('get-reservation-time', { expiryDates: expiryDates }).then(function (seconds) {
        if (!view.active) return;
        deadline = Date.now() + Number(seconds) * 1000;
        tickCountdown();
      }, function (error) { failPage(view, errors, error); });
    }

    function pay(button) {
      button.disabled = true;
      continueButton.disabled = true;
      errors.replaceChildren();
      var bookingSessionNow = session();
      api('reservation-information', { bookingSession: bookingSessionNow }).then(function (fresh) {
        return api('invoice-payment', { bookingSession: bookingSessionNow, bundleReservation: fresh });
      }).then(function (result) {
        if (!view.active) return;
        if (!result || !result.success || !result.bookingId) {
          throw new ApiError((result && result.message) || GENERIC_ERROR, 'PaymentError', 200);
        }
        store.set('lastBookingLicenceId', result.licenceId || state.licenceId);
        if (state.search) state.search.rescheduling = false;
        saveState();
        navigate(NG + 'confirmation/' + encodeURIComponent(result.bookingId));
      }).catch(function (error) {
        if (!view.active) return;
        failPage(view, errors, error);
        if (!expired) {
          button.disabled = false;
          continueButton.disabled = false;
        }
      });
    }

    function showPayment() {
      if (expired) return;
      var amount = cart.amountToPayInvoice !== undefined && cart.amountToPayInvoice !== null ?
        cart.amountToPayInvoice : totalCost(cart.reservations || []);
      var payButton = h('button', { type: 'button', class: 'btn btn-primary', id: 'pay-invoice-button',
        text: 'Betala senare' });
      payButton.addEventListener('click', function () { pay(payButton); });
      payment.replaceChildren(h('div', { class: 'card-body' },
        h('h2', { text: 'Välj betalsätt' }),
        h('p', null, 'Att betala: ', h('strong', { text: formatPrice(amount) })),
        h('p', { class: 'text-muted', text: 'Med Betala senare får du en faktura. Provet måste vara betalt ' +
          'senast dagen före provet.' }),
        payButton));
      payment.hidden = false;
    }

    function totalCost(reservations) {
      return reservations.reduce(function (sum, r) { return sum + (Number(r.cost) || 0); }, 0);
    }

    continueButton.addEventListener('click', showPayment);

    ensureSsn().then(function () {
      return Promise.all([
        api('reservation-information', { bookingSession: session() }),
        api('get-active-reservations', null),
      ]);
    }).then(function (answers) {
      if (!view.active) return;
      cart = answers[0] || {};
      var active = (answers[1] && answers[1].activeReservations) || [];
      var reservations = cart.reservations || [];
      body.replaceChildren();
      if (!reservations.length) {
        showAlert(errors, 'Det finns ingen aktiv reservation');
        return;
      }
      expiryDates = active.map(function (r) { return r.reservationExpires; }).filter(Boolean);
      append(body, [
        h('div', { class: 'card mb-3' }, h('div', { class: 'card-body' },
          h('h2', { text: 'Reserverade provtider' }),
          h('ul', { class: 'summary-list reserved-occasions' }, reservations.map(function (r) {
            return h('li', { class: 'reserved-occasion', 'data-examination-id': r.examinationId },
              h('strong', { text: formatDateTime(r.date, r.time) }), ' ', r.name, ', ', r.locationName,
              ', ', h('span', { class: 'text-muted', text: formatPrice(r.cost) }));
          })),
          (cart.cancellations || []).length ? h('p', { class: 'cancellations' },
            'Avbokas när du betalar: ', (cart.cancellations || []).map(function (c) {
              return formatDateTime(c.date, c.time) + ' ' + c.locationName;
            }).join('; ')) : null,
          h('p', null, 'Totalt: ',
            h('strong', { class: 'cart-total', text: formatPrice(totalCost(reservations)) })),
          h('p', { class: 'reservation-time' }, 'Tiden är reserverad åt dig i ', countdown, ' minuter.'),
          continueButton)),
        payment,
      ]);
      if (expiryDates.length) {
        syncTime();
        resyncTimer = setInterval(syncTime, 30000);
      } else {
        deadline = Date.now() + Number(cart.reservationTimeInSeconds || 0) * 1000;
      }
      countdownTimer = setInterval(tickCountdown, 1000);
      tickCountdown();
    }).catch(function (error) {
      body.replaceChildren();
      failPage(view, errors, error);
    });
  }

  // ------------------------------------------------------------------ confirmation

  function examStart(exam) {
    if (exam.duration && exam.duration.start) return exam.duration.start;
    if (exam.date && exam.time) return exam.date + 'T' + exam.time;
    return exam.startDate || '';
  }

  function examPlace(exam) {
    if (exam.place) return exam.place.locationName || exam.place.displayName || '';
    return exam.locationName || '';
  }

  function examAddress(exam) {
    var address = exam.place && exam.place.address;
    if (!address || !address.streetAddress1) return '';
    return address.streetAddress1 + ', ' + (address.zipCode || '') + ' ' + (address.city || '');
  }

  function examCost(exam) {
    if (exam.cost !== undefined && exam.cost !== null) return exam.cost;
    var info = exam.paymentInformation;
    if (info && typeof info === 'object') {
      var candidates = [info.cost, info.amount, info.totalAmount, info.price];
      for (var i = 0; i < candidates.length; i++) {
        if (candidates[i] !== undefined && candidates[i] !== null) return candidates[i];
      }
    }
    return '';
  }

  function renderConfirmation(view, route) {
    var errors = h('div', { class: 'confirmation-errors' });
    var body = h('div', null, h('p', { class: 'loading', text: 'Hämtar bokningen…' }));
    append(main, [errors, body]);
    var licenceId = store.get('lastBookingLicenceId', state.licenceId);
    ensureSsn().then(function () {
      return api('summary', {
        socialSecurityNumber: state.ssn,
        bookingId: decodeURIComponent(route.bookingId),
        licenceId: licenceId,
      });
    }).then(function (data) {
      if (!view.active) return;
      var exams = (data && data.confirmedExaminations) || [];
      var bookingId = decodeURIComponent(route.bookingId);
      var cancelled = (data && data.cancelledExaminations) || [];
      fill(body, [
        h('h1', { text: 'Bokningen är klar' }),
        h('div', { id: 'booking-summary', class: 'card mb-3', 'data-booking-id': bookingId },
          h('div', { class: 'card-body' },
            h('p', null, 'Bokningsnummer: ', h('strong', { class: 'booking-id', text: bookingId })),
            h('ul', { class: 'summary-list' }, exams.map(function (exam) {
              var address = examAddress(exam);
              return h('li', { class: 'booked-examination', 'data-examination-id': exam.id },
                h('div', { class: 'booked-name', text: exam.name }),
                h('div', { class: 'booked-date', text: formatIsoLocal(examStart(exam)) }),
                h('div', { class: 'booked-place', text: examPlace(exam) }),
                address ? h('div', { class: 'booked-address text-muted', text: address }) : null,
                h('div', { class: 'booked-price text-muted', text: formatPrice(examCost(exam)) }));
            })),
            cancelled.length ? h('p', { class: 'text-muted', text: 'Ditt tidigare prov är avbokat.' }) : null)),
        h('p', null, h('a', { href: NG + 'exams', 'data-link': true, text: 'Till Mina prov' })),
      ]);
    }).catch(function (error) {
      body.replaceChildren();
      failPage(view, errors, error);
    });
  }

  // ------------------------------------------------------------------ Mina prov

  function renderExams(view) {
    var errors = h('div', { class: 'exams-errors' });
    var notice = h('div', { class: 'exams-notice' });
    var body = h('div', null, h('p', { class: 'loading', text: 'Hämtar dina prov…' }));
    append(main, [h('h1', { text: 'Mina prov' }), notice, errors, body]);

    function load() {
      api('examinations', null).then(function (data) {
        if (!view.active) return;
        var confirmed = (data && data.confirmedExaminations) || [];
        var completed = (data && data.completedExaminations) || [];
        fill(body, [
          h('h2', { text: 'Bokade prov' }),
          confirmed.length ? h('div', { class: 'exam-list' }, confirmed.map(examCard)) :
            h('p', { class: 'no-exams', text: 'Du har inga bokade prov.' }),
          completed.length ? h('h2', { text: 'Genomförda prov' }) : null,
          completed.length ? h('ul', { class: 'summary-list' }, completed.map(function (exam) {
            return h('li', null, exam.name + ', ' + formatIsoLocal(examStart(exam)) + ', ' + examPlace(exam));
          })) : null]);
      }, function (error) {
        body.replaceChildren();
        failPage(view, errors, error);
      });
    }

    function examCard(exam) {
      var confirmArea = h('div', { class: 'cancel-confirmation' });
      var card = h('div', { class: 'card mb-3 exam-item', 'data-examination-id': exam.id },
        h('div', { class: 'card-body' },
          h('h3', { text: exam.name }),
          h('p', null, h('strong', { text: formatIsoLocal(examStart(exam)) }), h('br'), examPlace(exam),
            examAddress(exam) ? [h('br'), h('span', { class: 'text-muted', text: examAddress(exam) })] : null),
          h('div', { class: 'exam-actions' },
            exam.canReschedule ? h('button', { type: 'button', class: 'btn btn-secondary',
              id: 'id-button-canReschedule', text: 'Omboka',
              onclick: function () { reschedule(exam); } }) : null,
            exam.canCancel ? h('button', { type: 'button', class: 'btn btn-secondary cancel-button',
              text: 'Avboka', onclick: function () { askCancel(exam, confirmArea); } }) : null),
          confirmArea));
      return card;
    }

    function reschedule(exam) {
      state.licenceId = exam.licenceId || state.licenceId;
      state.search = emptySearch(state.licenceId, exam.examinationTypeId);
      state.search.rescheduling = true;
      saveState();
      navigate(searchPath(randomToken(), state.licenceId, exam.examinationTypeId));
    }

    function askCancel(exam, area) {
      errors.replaceChildren();
      api('examinations-to-cancel', { examinationId: exam.id }).then(function (data) {
        if (!view.active) return;
        var yes = h('button', { type: 'button', class: 'btn btn-primary', text: 'Ja, avboka' });
        yes.addEventListener('click', function () {
          yes.disabled = true;
          api('confirm-cancel', { examinationId: exam.id }).then(function () {
            if (!view.active) return;
            notice.replaceChildren(h('div', { class: 'alert alert-success', role: 'status',
              text: 'Provet är avbokat.' }));
            load();
          }, function (error) {
            yes.disabled = false;
            failPage(view, errors, error);
          });
        });
        area.replaceChildren(h('div', { class: 'alert alert-warning' },
          h('p', { text: 'Vill du avboka provet?' }),
          data && data.show24HourCancellationWarning ? h('p', { text: 'Det är mindre än 24 timmar ' +
            'kvar till provet. Avgiften betalas inte tillbaka.' }) : null,
          data && data.showMultipleExaminationsWarning ? h('p', { text: 'Fler prov kan avbokas ' +
            'samtidigt.' }) : null,
          h('div', { class: 'dialog-buttons' }, yes,
            h('button', { type: 'button', class: 'btn btn-secondary', text: 'Avbryt',
              onclick: function () { area.replaceChildren(); } }))));
      }, function (error) { failPage(view, errors, error); });
    }

    load();
  }

  // ------------------------------------------------------------------ start-up

  function boot() {
    main = $('#app-main');
    wireHeader();
    window.addEventListener('popstate', render);
    showCookieBannerIfNeeded();
    Promise.all([
      api('start', null).catch(function () { return null; }),
      api('is-authorizied', null).catch(function () { return false; }),
    ]).then(function (answers) {
      state.start = answers[0];
      state.loggedIn = answers[1] === true;
      updateHeader();
      render();
    });
    setInterval(keepAlive, KEEP_ALIVE_MS);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
