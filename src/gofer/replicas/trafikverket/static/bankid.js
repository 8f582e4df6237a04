/* The animated BankID QR payload, computed in the page as the server does.
 * Exposes window.TrvBankId = { payload(qrStartToken, qrStartSecret, seconds, forceFallback) -> Promise }.
 */
(function () {
  'use strict';

  var encoder = new TextEncoder();
  var subtleKeys = {};

  function toHex(bytes) {
    var out = '';
    for (var i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return out;
  }

  // Pure-JS SHA-256/HMAC for pages served outside a secure context, where crypto.subtle is missing.
  var SHA_K = [];
  var SHA_H0 = [];
  (function () {
    function fraction32(x) { return Math.floor((x - Math.floor(x)) * 4294967296) >>> 0; }
    var n = 2;
    while (SHA_K.length < 64) {
      var prime = true;
      for (var d = 2; d * d <= n; d++) if (n % d === 0) { prime = false; break; }
      if (prime) {
        if (SHA_H0.length < 8) SHA_H0.push(fraction32(Math.sqrt(n)));
        SHA_K.push(fraction32(Math.cbrt(n)));
      }
      n++;
    }
  })();

  function sha256(bytes) {
    var length = bytes.length;
    var padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
    padded.set(bytes);
    padded[length] = 0x80;
    var view = new DataView(padded.buffer);
    view.setUint32(padded.length - 8, Math.floor(length / 536870912));
    view.setUint32(padded.length - 4, (length * 8) >>> 0);
    var hash = SHA_H0.slice();
    var w = new Array(64);
    function ror(x, r) { return (x >>> r) | (x << (32 - r)); }
    for (var offset = 0; offset < padded.length; offset += 64) {
      for (var i = 0; i < 16; i++) w[i] = view.getUint32(offset + 4 * i);
      for (var j = 16; j < 64; j++) {
        var s0 = ror(w[j - 15], 7) ^ ror(w[j - 15], 18) ^ (w[j - 15] >>> 3);
        var s1 = ror(w[j - 2], 17) ^ ror(w[j - 2], 19) ^ (w[j - 2] >>> 10);
        w[j] = (w[j - 16] + s0 + w[j - 7] + s1) | 0;
      }
      var a = hash[0], b = hash[1], c = hash[2], e = hash[4], f = hash[5], g = hash[6];
      var dd = hash[3], hh = hash[7];
      for (var k = 0; k < 64; k++) {
        var t1 = (hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + SHA_K[k] + w[k]) | 0;
        var t2 = ((ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        hh = g; g = f; f = e; e = (dd + t1) | 0; dd = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      hash[0] = (hash[0] + a) | 0; hash[1] = (hash[1] + b) | 0; hash[2] = (hash[2] + c) | 0;
      hash[3] = (hash[3] + dd) | 0; hash[4] = (hash[4] + e) | 0; hash[5] = (hash[5] + f) | 0;
      hash[6] = (hash[6] + g) | 0; hash[7] = (hash[7] + hh) | 0;
    }
    var out = new Uint8Array(32);
    var outView = new DataView(out.buffer);
    for (var m = 0; m < 8; m++) outView.setUint32(4 * m, hash[m] >>> 0);
    return out;
  }

  function hmacSha256Fallback(keyBytes, message) {
    var key = keyBytes.length > 64 ? sha256(keyBytes) : keyBytes;
    var inner = new Uint8Array(64 + message.length);
    var outer = new Uint8Array(64 + 32);
    for (var i = 0; i < 64; i++) {
      var byte = i < key.length ? key[i] : 0;
      inner[i] = byte ^ 0x36;
      outer[i] = byte ^ 0x5c;
    }
    inner.set(message, 64);
    outer.set(sha256(inner), 64);
    return sha256(outer);
  }

  function hmacHex(secret, message, forceFallback) {
    var keyBytes = encoder.encode(secret);
    var messageBytes = encoder.encode(message);
    var subtle = window.crypto && window.crypto.subtle;
    if (forceFallback || !subtle) {
      return Promise.resolve(toHex(hmacSha256Fallback(keyBytes, messageBytes)));
    }
    if (!subtleKeys[secret]) {
      subtleKeys[secret] = subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' },
        false, ['sign']);
    }
    return subtleKeys[secret].then(function (key) {
      return subtle.sign('HMAC', key, messageBytes);
    }).then(function (signature) {
      return toHex(new Uint8Array(signature));
    });
  }

  /** `bankid.<qrStartToken>.<seconds>.<hex HMAC-SHA256(qrStartSecret, seconds)>`. */
  function bankIdPayload(token, secret, seconds, forceFallback) {
    var text = String(seconds);
    return hmacHex(secret, text, forceFallback).then(function (code) {
      return 'bankid.' + token + '.' + text + '.' + code;
    });
  }

  window.TrvBankId = { payload: bankIdPayload };
})();
