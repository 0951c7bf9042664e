// Raw terminal input to key names, including the F-key sequences Ink's useInput does not report.

/**
 * A key as the keymap names it: a printable character as itself ("q", "<", " " is "space"),
 * or a name: up down left right pageup pagedown home end enter escape backspace tab delete
 * f1..f12, ctrl+<letter>, and shift+<arrow> for the shifted arrows.
 */
export type KeyName = string;

/** CSI `~` sequences by their number (xterm, rxvt, the Linux console). */
const TILDE: Record<string, KeyName> = {
  "1": "home",
  "2": "insert",
  "3": "delete",
  "4": "end",
  "5": "pageup",
  "6": "pagedown",
  "7": "home",
  "8": "end",
  "11": "f1",
  "12": "f2",
  "13": "f3",
  "14": "f4",
  "15": "f5",
  "17": "f6",
  "18": "f7",
  "19": "f8",
  "20": "f9",
  "21": "f10",
  "23": "f11",
  "24": "f12",
};

/** Final letters of CSI and SS3 sequences (arrows, Home/End, F1–F4 in SS3 form). */
const FINAL: Record<string, KeyName> = {
  A: "up",
  B: "down",
  C: "right",
  D: "left",
  H: "home",
  F: "end",
  P: "f1",
  Q: "f2",
  R: "f3",
  S: "f4",
  Z: "shift+tab",
};

/** The Linux console's F1–F5: ESC [ [ A..E. */
const LINUX_F: Record<string, KeyName> = { A: "f1", B: "f2", C: "f3", D: "f4", E: "f5" };

function csi(params: string, final: string): KeyName | null {
  if (final === "~") return TILDE[params.split(";")[0]] ?? null;
  const name = FINAL[final];
  if (name === undefined) return null;
  // xterm modifiers: ESC [ 1 ; m X with m-1 a bit set (1 shift, 2 alt, 4 ctrl).
  const mod = Number(params.split(";")[1] ?? "1") - 1;
  if (
    mod > 0 &&
    (mod & 1) !== 0 &&
    (name === "left" || name === "right" || name === "up" || name === "down")
  )
    return `shift+${name}`;
  return name;
}

/**
 * Splits raw input into key names. One chunk may hold several keys (fast typing, a paste, or
 * a test writing "jjj"); unknown sequences are dropped rather than typed as text.
 */
export function parseKeys(raw: string): KeyName[] {
  const out: KeyName[] = [];
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i];
    if (ch === "\x1b") {
      const next = raw[i + 1];
      if (next === undefined) {
        out.push("escape");
        i++;
        continue;
      }
      if (next === "[" && raw[i + 2] === "[" && i + 3 < raw.length) {
        const name = LINUX_F[raw[i + 3]];
        if (name) out.push(name);
        i += 4;
        continue;
      }
      if (next === "[") {
        let j = i + 2;
        while (j < raw.length && /[0-9;:<=>?]/.test(raw[j])) j++;
        if (j >= raw.length) break;
        const name = csi(raw.slice(i + 2, j), raw[j]);
        if (name) out.push(name);
        i = j + 1;
        continue;
      }
      if (next === "O" && i + 2 < raw.length) {
        const name = FINAL[raw[i + 2]];
        if (name) out.push(name);
        i += 3;
        continue;
      }
      if (next === "\x1b") {
        out.push("escape");
        i++;
        continue;
      }
      // ESC followed by a character: Alt+key. No action uses Alt, so it is dropped.
      i += 2;
      continue;
    }
    const code = ch.codePointAt(0)!;
    if (ch === "\r" || ch === "\n") out.push("enter");
    else if (ch === "\t") out.push("tab");
    else if (ch === "\x7f" || ch === "\b") out.push("backspace");
    else if (ch === " ") out.push("space");
    else if (code >= 1 && code <= 26) out.push(`ctrl+${String.fromCharCode(code + 96)}`);
    else if (code === 0x1c) out.push("ctrl+\\");
    else if (code >= 32) {
      const cp = String.fromCodePoint(code);
      out.push(cp);
      i += cp.length;
      continue;
    }
    i++;
  }
  return out;
}

/**
 * What a key sends to the simulated terminal: text as itself, Enter a newline, Backspace an
 * erase, Ctrl+letter and Ctrl+\ their control characters; null for keys a terminal line has no
 * use for (arrows, function keys).
 */
export function terminalBytes(k: KeyName): string | null {
  if (k === "enter") return "\n";
  if (k === "backspace") return "\u007f";
  if (k === "tab") return "\t";
  if (k === "space") return " ";
  if (k === "ctrl+\\") return "\u001c";
  const ctrl = /^ctrl\+([a-z])$/.exec(k);
  if (ctrl) return String.fromCharCode(ctrl[1].charCodeAt(0) - 96);
  return [...k].length === 1 ? k : null;
}

/** Whether a key name is one character of text (for the filter prompt). */
export function isText(k: KeyName): boolean {
  return k === "space" || [...k].length === 1;
}

/** The character a text key types. */
export function textOf(k: KeyName): string {
  return k === "space" ? " " : k;
}

/** Named keys parseKeys reports (besides printable characters, ctrl+<letter> and F-keys). */
const NAMED_KEYS = new Set<KeyName>([
  "up",
  "down",
  "left",
  "right",
  "shift+up",
  "shift+down",
  "shift+left",
  "shift+right",
  "shift+tab",
  "pageup",
  "pagedown",
  "home",
  "end",
  "insert",
  "delete",
  "enter",
  "escape",
  "backspace",
  "tab",
  "space",
]);

/**
 * Whether parseKeys can ever report `k`: one visible character, a named key, f1..f12, or
 * ctrl+<letter> (not ctrl+h, i, j, m: terminals send those as Backspace, Tab and Enter).
 */
export function isKeyName(k: KeyName): boolean {
  if (NAMED_KEYS.has(k) || /^f([1-9]|1[0-2])$/.test(k)) return true;
  if (/^ctrl\+[a-z]$/.test(k)) return !["ctrl+h", "ctrl+i", "ctrl+j", "ctrl+m"].includes(k);
  // One visible character: no control or format character, space or combining mark (a
  // config file's key is drawn in the key bar and the help).
  return [...k].length === 1 && !/[\p{C}\p{Z}\p{M}]/u.test(k);
}
