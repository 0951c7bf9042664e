// Printing helpers for the OSTEP labs: Python's %-formats, so tables read like the originals'.

/** Python's '%<width>s': right-aligned in `width` columns. */
export function rjust(s: string | number, width: number): string {
  return String(s).padStart(width);
}

/** Python's '%.<digits>f': the exact binary value rounded half to even (JS toFixed rounds ties up). */
export function pyFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  const exact = Math.abs(x).toFixed(Math.min(100, digits + 60));
  const [whole, frac] = exact.split(".");
  const kept = frac.slice(0, digits);
  const rest = frac.slice(digits);
  let n = BigInt(whole + kept);
  const half = `5${"0".repeat(rest.length - 1)}`;
  const odd = (n & 1n) === 1n;
  if (rest > half || (rest === half && odd)) n += 1n;
  let s = n.toString().padStart(digits + 1, "0");
  if (digits > 0) s = `${s.slice(0, -digits)}.${s.slice(-digits)}`;
  return x < 0 || Object.is(x, -0) ? `-${s}` : s;
}

/** Python's str() of a float: 100.0, 10.5. */
export function pyFloat(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

/** Python's str() of a bool. */
export function pyBool(b: boolean): string {
  return b ? "True" : "False";
}

/** Average of `xs` (0 for none). */
export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length === 0 ? 0 : s / xs.length;
}

/** Python's repr() of any float: shortest digits, exponent form below 1e-4 and from 1e16. */
export function pyFloatRepr(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, exp] = x.toExponential().split("e");
  const e = Number(exp);
  if (e < -4 || e >= 16) {
    return `${mantissa}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  const sign = x < 0 ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  const point = e + 1; // digits before the decimal point
  let s: string;
  if (point <= 0) s = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) s = `${digits}${"0".repeat(point - digits.length)}.0`;
  else s = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return sign + s;
}

/** Python's repr() of a str: single quotes unless only double quotes avoid escaping. */
export function pyStrRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === "\\" || ch === q) out += `\\${ch}`;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f || (c > 0x7f && ch !== " " && /[\p{C}\p{Z}]/u.test(ch))) {
      const hex = c.toString(16);
      if (c <= 0xff) out += `\\x${hex.padStart(2, "0")}`;
      else if (c <= 0xffff) out += `\\u${hex.padStart(4, "0")}`;
      else out += `\\U${hex.padStart(8, "0")}`;
    } else out += ch;
  }
  return out + q;
}

/** Python's repr() of a list of str: ['a', 'b']. */
export function pyStrListRepr(xs: readonly string[]): string {
  return `[${xs.map(pyStrRepr).join(", ")}]`;
}
