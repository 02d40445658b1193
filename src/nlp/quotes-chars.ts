// Character classes of the quote and speaker scanners, tested per code unit or code point instead of by running a
// regex over a slice: ASCII by range, other code points by their Unicode property, memoized.

/** A memoized test of one code point against a one-character /u regex (ASCII answered by `ascii`). */
function memoClass(re: RegExp, ascii: (c: number) => boolean): (cp: number) => boolean {
  const seen = new Map<number, boolean>();
  return (cp) => {
    if (cp < 128) return ascii(cp);
    let v = seen.get(cp);
    if (v === undefined) seen.set(cp, (v = re.test(String.fromCodePoint(cp))));
    return v;
  };
}

const asciiLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** \p{L} */
export const isLetterCp = memoClass(/^\p{L}$/u, asciiLetter);
/** \p{Lu} */
export const isUpperCp = memoClass(/^\p{Lu}$/u, (c) => c >= 65 && c <= 90);
/** [\p{L}\p{N}] */
export const isLetterOrNumber = memoClass(/^[\p{L}\p{N}]$/u, (c) => asciiLetter(c) || (c >= 48 && c <= 57));

/** Whether code unit c is in JavaScript's \s. */
export function isJsSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * How many runs of code points in the class `inClass` text.slice(lo, hi) holds, as /[class]+/gu counts its matches
 * (a surrogate pair cut by the slice is two lone surrogates), stopping once `cap` is reached.
 */
export function countRuns(text: string, lo: number, hi: number, inClass: (cp: number) => boolean, cap = Infinity): number {
  const len = text.length;
  const end = hi < 0 ? Math.max(0, len + hi) : Math.min(hi, len);
  let n = 0;
  let inRun = false;
  for (let i = lo < 0 ? Math.max(0, len + lo) : lo; i < end; ) {
    let cp = text.charCodeAt(i);
    let w = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < end) {
      const l = text.charCodeAt(i + 1);
      if (l >= 0xdc00 && l <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (l - 0xdc00) + 0x10000;
        w = 2;
      }
    }
    const r = inClass(cp);
    if (r && !inRun && ++n >= cap) return n;
    inRun = r;
    i += w;
  }
  return n;
}
