/**
 * XXH64 (seed 0), written from the published xxHash specification: five 64-bit primes, four
 * accumulators over 32-byte stripes, a tail of 8-, 4- and 1-byte steps, and the final
 * avalanche.
 *
 * 64-bit words are kept as two unsigned 32-bit halves (hi, lo) in plain numbers, which is
 * about ten times faster than BigInt; the multiply is assembled from 16-bit partial products.
 * Results of the helpers are left in the module variables H and L (no allocation per step).
 */

// the primes, as [hi, lo]
const P1H = 0x9e3779b1, P1L = 0x85ebca87;
const P2H = 0xc2b2ae3d, P2L = 0x27d4eb4f;
const P3H = 0x165667b1, P3L = 0x9e3779f9;
const P4H = 0x85ebca77, P4L = 0xc2b2ae63;
const P5H = 0x27d4eb2f, P5L = 0x165667c5;

let H = 0;
let L = 0;

/** (ah, al) * (bh, bl) mod 2^64 -> H, L */
function mul(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff, a1 = al >>> 16, b0 = bl & 0xffff, b1 = bl >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  L = (((mid & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
  const high = p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  H = (high + Math.imul(al, bh) + Math.imul(ah, bl)) >>> 0;
}

/** (ah, al) + (bh, bl) mod 2^64 -> H, L */
function add(ah: number, al: number, bh: number, bl: number): void {
  const lo = al + bl;
  L = lo >>> 0;
  H = (ah + bh + (lo > 0xffffffff ? 1 : 0)) >>> 0;
}

/** rotate left by r (0 < r < 32) -> H, L */
function rotl(h: number, l: number, r: number): void {
  H = ((h << r) | (l >>> (32 - r))) >>> 0;
  L = ((l << r) | (h >>> (32 - r))) >>> 0;
}

/** round(acc, lane) = rotl(acc + lane * P2, 31) * P1 -> H, L */
function round(ah: number, al: number, lh: number, ll: number): void {
  mul(lh, ll, P2H, P2L);
  add(ah, al, H, L);
  rotl(H, L, 31);
  mul(H, L, P1H, P1L);
}

/** merge(acc, v) = (acc ^ round(0, v)) * P1 + P4 -> H, L */
function merge(ah: number, al: number, vh: number, vl: number): void {
  round(0, 0, vh, vl);
  mul((ah ^ H) >>> 0, (al ^ L) >>> 0, P1H, P1L);
  add(H, L, P4H, P4L);
}

/** little-endian unsigned 32 bits at b[i] */
function u32(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
}

/** Unsigned XXH64 of bytes[0..n) -> H, L. */
function xxh64Parts(b: Uint8Array, n: number): void {
  let i = 0;
  let ah: number, al: number;
  if (n >= 32) {
    // seed 0: v1 = P1 + P2, v2 = P2, v3 = 0, v4 = -P1
    add(P1H, P1L, P2H, P2L);
    let v1h = H, v1l = L, v2h = P2H, v2l = P2L, v3h = 0, v3l = 0;
    add(~P1H >>> 0, ~P1L >>> 0, 0, 1);
    let v4h = H, v4l = L;
    for (; i + 32 <= n; i += 32) {
      round(v1h, v1l, u32(b, i + 4), u32(b, i)); v1h = H; v1l = L;
      round(v2h, v2l, u32(b, i + 12), u32(b, i + 8)); v2h = H; v2l = L;
      round(v3h, v3l, u32(b, i + 20), u32(b, i + 16)); v3h = H; v3l = L;
      round(v4h, v4l, u32(b, i + 28), u32(b, i + 24)); v4h = H; v4l = L;
    }
    rotl(v1h, v1l, 1); ah = H; al = L;
    rotl(v2h, v2l, 7); add(ah, al, H, L); ah = H; al = L;
    rotl(v3h, v3l, 12); add(ah, al, H, L); ah = H; al = L;
    rotl(v4h, v4l, 18); add(ah, al, H, L); ah = H; al = L;
    merge(ah, al, v1h, v1l);
    merge(H, L, v2h, v2l);
    merge(H, L, v3h, v3l);
    merge(H, L, v4h, v4l);
    ah = H; al = L;
  } else {
    ah = P5H; al = P5L;
  }
  add(ah, al, Math.floor(n / 0x100000000), n >>> 0); ah = H; al = L;
  for (; i + 8 <= n; i += 8) {
    round(0, 0, u32(b, i + 4), u32(b, i));
    rotl((ah ^ H) >>> 0, (al ^ L) >>> 0, 27);
    mul(H, L, P1H, P1L);
    add(H, L, P4H, P4L); ah = H; al = L;
  }
  if (i + 4 <= n) {
    mul(0, u32(b, i), P1H, P1L);
    rotl((ah ^ H) >>> 0, (al ^ L) >>> 0, 23);
    mul(H, L, P2H, P2L);
    add(H, L, P3H, P3L); ah = H; al = L;
    i += 4;
  }
  for (; i < n; i++) {
    mul(0, b[i]!, P5H, P5L);
    rotl((ah ^ H) >>> 0, (al ^ L) >>> 0, 11);
    mul(H, L, P1H, P1L); ah = H; al = L;
  }
  // avalanche
  al = (al ^ (ah >>> 1)) >>> 0;
  mul(ah, al, P2H, P2L); ah = H; al = L;
  al = (al ^ ((al >>> 29) | (ah << 3))) >>> 0; ah = (ah ^ (ah >>> 29)) >>> 0;
  mul(ah, al, P3H, P3L); ah = H; al = L;
  L = (al ^ ah) >>> 0;
  H = ah;
}

function signed(hi: number, lo: number): bigint {
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
}

/** Unsigned 64-bit XXH64 of the bytes. */
export function xxh64(bytes: Uint8Array): bigint {
  xxh64Parts(bytes, bytes.length);
  return BigInt.asUintN(64, signed(H, L));
}

const encoder = new TextEncoder();
let buffer = new Uint8Array(256);

/** Kusto's hash() of a string: XXH64 of its UTF-8 bytes, as a signed long. */
export function xxh64String(s: string): bigint {
  if (buffer.length < s.length * 3) buffer = new Uint8Array(s.length * 3);
  const { written } = encoder.encodeInto(s, buffer);
  xxh64Parts(buffer, written);
  return signed(H, L);
}

const eight = new Uint8Array(8);
const eightView = new DataView(eight.buffer);

/** Kusto's hash() of a 64-bit integer value (a datetime's ticks): XXH64 of its 8 little-endian bytes, signed. */
export function xxh64Int64(v: bigint): bigint {
  eightView.setBigInt64(0, BigInt.asIntN(64, v), true);
  xxh64Parts(eight, 8);
  return signed(H, L);
}
