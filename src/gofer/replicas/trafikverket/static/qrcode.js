/* Compact QR Code encoder (ISO/IEC 18004): byte mode, error correction level M, versions 1-10.
 * Exposes window.QrCode = { encode(text) -> {version, size, mask, isDark(x, y)},
 *                          drawToCanvas(canvas, text) }.
 */
(function (global) {
  'use strict';

  // GF(256) arithmetic over the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
  var EXP = new Uint8Array(512);
  var LOG = new Uint8Array(256);
  (function () {
    var v = 1;
    for (var i = 0; i < 255; i++) {
      EXP[i] = v;
      LOG[v] = i;
      v <<= 1;
      if (v & 0x100) v ^= 0x11d;
    }
    for (var j = 255; j < 512; j++) EXP[j] = EXP[j - 255];
  })();

  function gfMul(a, b) {
    return a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]];
  }

  // Generator polynomial prod(x - a^i), i < degree; coefficients highest power first, monic.
  function rsGenerator(degree) {
    var g = [1];
    for (var i = 0; i < degree; i++) {
      var next = new Array(g.length + 1).fill(0);
      for (var j = 0; j < g.length; j++) {
        next[j] ^= g[j];
        next[j + 1] ^= gfMul(g[j], EXP[i]);
      }
      g = next;
    }
    return g;
  }

  function rsRemainder(data, degree) {
    var gen = rsGenerator(degree);
    var rem = new Array(degree).fill(0);
    for (var k = 0; k < data.length; k++) {
      var factor = data[k] ^ rem[0];
      rem.shift();
      rem.push(0);
      for (var i = 0; i < degree; i++) rem[i] ^= gfMul(gen[i + 1], factor);
    }
    return rem;
  }

  // Level M block structure: [EC codewords per block, [block count, data codewords per block]...].
  var BLOCKS_M = [
    null,
    [10, [1, 16]],
    [16, [1, 28]],
    [26, [1, 44]],
    [18, [2, 32]],
    [24, [2, 43]],
    [16, [4, 27]],
    [18, [4, 31]],
    [22, [2, 38], [2, 39]],
    [22, [3, 36], [2, 37]],
    [26, [4, 43], [1, 44]],
  ];
  var ALIGNMENT = [
    null, [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34],
    [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
  ];
  var MAX_VERSION = 10;
  var EC_LEVEL_M_BITS = 0; // format-info bits for level M

  function dataCapacity(version) {
    var spec = BLOCKS_M[version];
    var total = 0;
    for (var i = 1; i < spec.length; i++) total += spec[i][0] * spec[i][1];
    return total;
  }

  function utf8(text) {
    return Array.from(new TextEncoder().encode(text));
  }

  function chooseVersion(byteCount) {
    for (var v = 1; v <= MAX_VERSION; v++) {
      var countBits = v < 10 ? 8 : 16;
      if (4 + countBits + 8 * byteCount <= dataCapacity(v) * 8) return v;
    }
    throw new Error('QR payload too long: ' + byteCount + ' bytes');
  }

  function encodeData(bytes, version) {
    var bits = [];
    function put(value, length) {
      for (var i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
    }
    var capacityBits = dataCapacity(version) * 8;
    put(0x4, 4); // byte mode
    put(bytes.length, version < 10 ? 8 : 16);
    bytes.forEach(function (b) { put(b, 8); });
    put(0, Math.min(4, capacityBits - bits.length)); // terminator
    while (bits.length % 8) bits.push(0);
    var codewords = [];
    for (var i = 0; i < bits.length; i += 8) {
      var byte = 0;
      for (var j = 0; j < 8; j++) byte = (byte << 1) | bits[i + j];
      codewords.push(byte);
    }
    for (var pad = 0xec; codewords.length < capacityBits / 8; pad ^= 0xec ^ 0x11) codewords.push(pad);
    return codewords;
  }

  function interleave(data, version) {
    var spec = BLOCKS_M[version];
    var ecLen = spec[0];
    var blocks = [];
    var offset = 0;
    for (var g = 1; g < spec.length; g++) {
      for (var n = 0; n < spec[g][0]; n++) {
        var chunk = data.slice(offset, offset + spec[g][1]);
        offset += spec[g][1];
        blocks.push({ data: chunk, ec: rsRemainder(chunk, ecLen) });
      }
    }
    var out = [];
    var maxData = blocks[blocks.length - 1].data.length;
    for (var i = 0; i < maxData; i++) {
      blocks.forEach(function (b) { if (i < b.data.length) out.push(b.data[i]); });
    }
    for (var k = 0; k < ecLen; k++) {
      blocks.forEach(function (b) { out.push(b.ec[k]); });
    }
    return out;
  }

  function Matrix(version) {
    this.version = version;
    this.size = 17 + 4 * version;
    this.dark = [];
    this.reserved = [];
    for (var y = 0; y < this.size; y++) {
      this.dark.push(new Array(this.size).fill(false));
      this.reserved.push(new Array(this.size).fill(false));
    }
  }

  Matrix.prototype.setFunction = function (x, y, isDark) {
    this.dark[y][x] = isDark;
    this.reserved[y][x] = true;
  };

  Matrix.prototype.drawFunctionPatterns = function () {
    var size = this.size;
    for (var i = 0; i < size; i++) {
      this.setFunction(6, i, i % 2 === 0);
      this.setFunction(i, 6, i % 2 === 0);
    }
    this.drawFinder(3, 3);
    this.drawFinder(size - 4, 3);
    this.drawFinder(3, size - 4);
    var pos = ALIGNMENT[this.version];
    var last = pos.length - 1;
    for (var a = 0; a < pos.length; a++) {
      for (var b = 0; b < pos.length; b++) {
        var nearFinder = (a === 0 && b === 0) || (a === 0 && b === last) || (a === last && b === 0);
        if (!nearFinder) this.drawAlignment(pos[a], pos[b]);
      }
    }
    this.drawFormatBits(0); // reserve the areas; real bits are written after masking
    this.drawVersionBits();
  };

  Matrix.prototype.drawFinder = function (cx, cy) {
    for (var dy = -4; dy <= 4; dy++) {
      for (var dx = -4; dx <= 4; dx++) {
        var x = cx + dx;
        var y = cy + dy;
        if (x < 0 || y < 0 || x >= this.size || y >= this.size) continue;
        var ring = Math.max(Math.abs(dx), Math.abs(dy));
        this.setFunction(x, y, ring !== 2 && ring !== 4);
      }
    }
  };

  Matrix.prototype.drawAlignment = function (cx, cy) {
    for (var dy = -2; dy <= 2; dy++) {
      for (var dx = -2; dx <= 2; dx++) {
        this.setFunction(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
      }
    }
  };

  Matrix.prototype.drawFormatBits = function (mask) {
    var data = (EC_LEVEL_M_BITS << 3) | mask;
    var rem = data;
    for (var i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
    var bits = ((data << 10) | rem) ^ 0x5412;
    var size = this.size;
    function bit(n) { return ((bits >>> n) & 1) === 1; }
    for (var a = 0; a <= 5; a++) this.setFunction(8, a, bit(a));
    this.setFunction(8, 7, bit(6));
    this.setFunction(8, 8, bit(7));
    this.setFunction(7, 8, bit(8));
    for (var b = 9; b < 15; b++) this.setFunction(14 - b, 8, bit(b));
    for (var c = 0; c < 8; c++) this.setFunction(size - 1 - c, 8, bit(c));
    for (var d = 8; d < 15; d++) this.setFunction(8, size - 15 + d, bit(d));
    this.setFunction(8, size - 8, true); // the fixed dark module
  };

  Matrix.prototype.drawVersionBits = function () {
    if (this.version < 7) return;
    var rem = this.version;
    for (var i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
    var bits = (this.version << 12) | rem;
    for (var n = 0; n < 18; n++) {
      var isDark = ((bits >>> n) & 1) === 1;
      var a = this.size - 11 + (n % 3);
      var b = Math.floor(n / 3);
      this.setFunction(a, b, isDark);
      this.setFunction(b, a, isDark);
    }
  };

  Matrix.prototype.placeCodewords = function (codewords) {
    var size = this.size;
    var i = 0;
    var totalBits = codewords.length * 8;
    for (var right = size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5; // skip the vertical timing column
      var upward = ((right + 1) & 2) === 0;
      for (var vert = 0; vert < size; vert++) {
        var y = upward ? size - 1 - vert : vert;
        for (var j = 0; j < 2; j++) {
          var x = right - j;
          if (this.reserved[y][x]) continue;
          if (i < totalBits) {
            this.dark[y][x] = ((codewords[i >>> 3] >>> (7 - (i & 7))) & 1) === 1;
            i++;
          }
        }
      }
    }
  };

  function maskBit(mask, x, y) {
    switch (mask) {
      case 0: return (x + y) % 2 === 0;
      case 1: return y % 2 === 0;
      case 2: return x % 3 === 0;
      case 3: return (x + y) % 3 === 0;
      case 4: return (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0;
      case 5: return ((x * y) % 2) + ((x * y) % 3) === 0;
      case 6: return (((x * y) % 2) + ((x * y) % 3)) % 2 === 0;
      default: return (((x + y) % 2) + ((x * y) % 3)) % 2 === 0;
    }
  }

  Matrix.prototype.applyMask = function (mask) {
    for (var y = 0; y < this.size; y++) {
      for (var x = 0; x < this.size; x++) {
        if (!this.reserved[y][x] && maskBit(mask, x, y)) this.dark[y][x] = !this.dark[y][x];
      }
    }
  };

  // Penalty score of ISO 18004 §7.8.3, used to pick the mask.
  Matrix.prototype.penalty = function () {
    var size = this.size;
    var dark = this.dark;
    var score = 0;
    var finderA = [1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0];
    var finderB = [0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1];
    function lineScore(get) {
      var s = 0;
      var run = 1;
      for (var i = 1; i <= size; i++) {
        if (i < size && get(i) === get(i - 1)) {
          run++;
        } else {
          if (run >= 5) s += 3 + (run - 5);
          run = 1;
        }
      }
      for (var start = 0; start + 11 <= size; start++) {
        var matchA = true;
        var matchB = true;
        for (var k = 0; k < 11; k++) {
          var v = get(start + k) ? 1 : 0;
          if (v !== finderA[k]) matchA = false;
          if (v !== finderB[k]) matchB = false;
        }
        if (matchA) s += 40;
        if (matchB) s += 40;
      }
      return s;
    }
    var darkCount = 0;
    for (var r = 0; r < size; r++) {
      score += lineScore(function (i) { return dark[r][i]; });
      score += lineScore(function (i) { return dark[i][r]; });
      for (var c = 0; c < size; c++) {
        if (dark[r][c]) darkCount++;
        if (r + 1 < size && c + 1 < size) {
          var v = dark[r][c];
          if (dark[r][c + 1] === v && dark[r + 1][c] === v && dark[r + 1][c + 1] === v) score += 3;
        }
      }
    }
    var total = size * size;
    var k = Math.ceil(Math.abs(darkCount * 20 - total * 10) / total) - 1;
    score += Math.max(0, k) * 10;
    return score;
  };

  function encode(text) {
    var bytes = utf8(String(text));
    var version = chooseVersion(bytes.length);
    var codewords = interleave(encodeData(bytes, version), version);
    var best = null;
    for (var mask = 0; mask < 8; mask++) {
      var m = new Matrix(version);
      m.drawFunctionPatterns();
      m.placeCodewords(codewords);
      m.applyMask(mask);
      m.drawFormatBits(mask);
      var p = m.penalty();
      if (best === null || p < best.penalty) best = { matrix: m, penalty: p, mask: mask };
    }
    var matrix = best.matrix;
    return {
      version: version,
      size: matrix.size,
      mask: best.mask,
      isDark: function (x, y) { return matrix.dark[y][x]; },
    };
  }

  // Black modules on white, whole-pixel modules (no anti-aliasing), centred, quiet zone >= 4 modules.
  function drawToCanvas(canvas, text) {
    var qr = encode(text);
    var side = Math.min(canvas.width, canvas.height);
    var scale = Math.floor(side / (qr.size + 8));
    if (scale < 1) throw new Error('Canvas too small for QR version ' + qr.version);
    var ctx = canvas.getContext('2d');
    ctx.imageSmoothingEnabled = false;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    var left = Math.floor((canvas.width - qr.size * scale) / 2);
    var top = Math.floor((canvas.height - qr.size * scale) / 2);
    ctx.fillStyle = '#000000';
    for (var y = 0; y < qr.size; y++) {
      for (var x = 0; x < qr.size; x++) {
        if (qr.isDark(x, y)) ctx.fillRect(left + x * scale, top + y * scale, scale, scale);
      }
    }
    return qr;
  }

  global.QrCode = { encode: encode, drawToCanvas: drawToCanvas };
})(window);
