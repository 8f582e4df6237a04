// Gofer's live viewer: shows the job's browser and, in interactive mode, sends the person's
// mouse, wheel, keys and pasted text back. No build step: plain script, served as is.
(function () {
  'use strict';
  var body = document.body;
  var jobId = body.dataset.job;
  var interactive = body.dataset.mode === 'interactive';
  var token = location.pathname.split('/').pop();
  var screen = document.getElementById('screen');
  var img = document.getElementById('frame');
  var statusLine = document.getElementById('status');
  var notice = document.getElementById('notice');
  document.getElementById('mode').textContent = interactive ? 'You are in control' : 'Watching';

  // The token is spent by this connection: keep it out of the history and of any reload.
  history.replaceState(null, '', '/live/used');

  var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  var ws = new WebSocket(scheme + location.host + '/ws/' + encodeURIComponent(jobId) +
    '/view?token=' + encodeURIComponent(token));

  function show(text) { notice.hidden = false; notice.textContent = text; }

  ws.onmessage = function (message) {
    var data = JSON.parse(message.data);
    if (data.type === 'frame') {
      img.src = 'data:image/jpeg;base64,' + data.data;
    } else if (data.type === 'hello') {
      statusLine.textContent = 'Connected to ' + data.job_id;
    } else if (data.type === 'status') {
      statusLine.textContent = (data.status || '') + (data.message ? ': ' + data.message : '');
      if (data.takeover) show('The job is paused for you. Hand it back when you are done.');
    } else if (data.type === 'refused') {
      show(data.error);
    } else if (data.type === 'ended') {
      statusLine.textContent = 'The job has ended (' + data.status + ')';
    }
  };
  ws.onclose = function (event) {
    if (event.code !== 1000) show(event.reason || 'The live view was closed.');
    else statusLine.textContent = 'Closed';
  };

  function send(message) {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  }

  function modifiers(e) {
    return (e.altKey ? 1 : 0) | (e.ctrlKey ? 2 : 0) | (e.metaKey ? 4 : 0) | (e.shiftKey ? 8 : 0);
  }

  function point(e) {
    var box = img.getBoundingClientRect();
    return {
      x: Math.max(0, e.clientX - box.left), y: Math.max(0, e.clientY - box.top),
      view_w: box.width || 1, view_h: box.height || 1,
    };
  }

  var buttons = ['left', 'middle', 'right'];
  function mouse(action) {
    return function (e) {
      e.preventDefault();
      screen.focus();
      var p = point(e);
      p.type = 'mouse'; p.action = action; p.modifiers = modifiers(e);
      p.button = action === 'move' ? 'none' : (buttons[e.button] || 'left');
      p.clicks = action === 'move' ? 0 : (e.detail || 1);
      send(p);
    };
  }

  var lastMove = 0;
  var move = mouse('move');
  img.addEventListener('mousedown', mouse('down'));
  img.addEventListener('mouseup', mouse('up'));
  img.addEventListener('mousemove', function (e) {
    var now = Date.now();
    if (now - lastMove > 50) { lastMove = now; move(e); }  // at most 20 moves a second
  });
  img.addEventListener('contextmenu', function (e) { e.preventDefault(); });
  img.addEventListener('wheel', function (e) {
    e.preventDefault();
    var p = point(e);
    p.type = 'wheel'; p.dx = e.deltaX; p.dy = e.deltaY; p.modifiers = modifiers(e);
    send(p);
  }, { passive: false });

  function key(action) {
    return function (e) {
      if ((e.ctrlKey || e.metaKey) && e.key === 'v') return;  // the paste event sends the text
      e.preventDefault();
      var text = e.key.length === 1 ? e.key : (e.key === 'Enter' ? '\r' : '');
      send({ type: 'key', action: action, key: e.key, code: e.code, text: text,
             key_code: e.keyCode || 0, modifiers: modifiers(e) });
    };
  }
  screen.addEventListener('keydown', key('down'));
  screen.addEventListener('keyup', key('up'));
  screen.addEventListener('paste', function (e) {
    e.preventDefault();
    var text = (e.clipboardData || window.clipboardData).getData('text');
    if (text) send({ type: 'text', text: text.slice(0, 2000) });
  });
})();
