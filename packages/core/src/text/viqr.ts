/**
 * VIQR (RFC 1456), the seven-bit Vietnamese of mail and old databases: each mark typed as the sign
 * after its letter ("Ha` No^.i" for "Hà Nội", "DDo^ng" for "Đông").
 */

/** The sign for the circumflex, breve or horn, and the vowels it may follow. */
const SHAPES: Record<string, { mark: string; on: string }> = {
  "^": { mark: "\u0302", on: "aeo" },
  "(": { mark: "\u0306", on: "a" },
  "+": { mark: "\u031b", on: "ou" },
};
const TONES: Record<string, string> = {
  "'": "\u0301",
  "`": "\u0300",
  "?": "\u0309",
  "~": "\u0303",
  ".": "\u0323",
};

/**
 * A vowel and its signs: a shape's sign and a tone's, or a tone's alone. A backslash before a sign
 * keeps it as it is, as RFC 1456 escapes them.
 */
const MARKED_VOWEL = /([aeiouyAEIOUY])(\\?)([\^(+]?)([`'?~.]?)/g;

/**
 * A sign no other text puts after a vowel: a shape's, or a tone's before a letter (the dot before a
 * letter too: "Vie^.t"). A dot, an apostrophe or a question mark that ends a word may be the
 * sentence's, so it does not count; nor does "dd", which Telex types too.
 */
const SURE_SIGN = /[aeiouy](?:[\^(+]|[`~]|['?.](?=[a-z]))/gi;

/**
 * The text with its VIQR written with the marks. A text holding any character beyond printable
 * ASCII is left as it is, and so is one with fewer than two sure signs ("Children's", "Q.1").
 *
 * @example
 * decodeViqr("Phu+o+`ng Tru+o+ng DDi.nh, Qua^.n Hai Ba` Tru+ng"); // "Phường Trương Định, Quận Hai Bà Trưng"
 */
export function decodeViqr(text: string): string {
  if (/[^ -~\t\r\n]/.test(text) || (text.match(SURE_SIGN)?.length ?? 0) < 2) return text;
  return text
    .replace(/\b([Dd])([Dd])(?=[A-Za-z])/g, (_, first: string) => (first === "D" ? "Đ" : "đ"))
    .replace(MARKED_VOWEL, (whole, vowel: string, escaped: string, shape: string, tone: string) => {
      if (escaped) return shape || tone ? vowel + shape + tone : whole;
      const sign = shape ? SHAPES[shape] : undefined;
      // A sign that cannot go on this vowel ("i^") is not VIQR: left as written.
      if (sign && !sign.on.includes(vowel.toLowerCase())) return whole;
      return (vowel + (sign?.mark ?? "") + (tone ? TONES[tone] : "")).normalize("NFC");
    });
}
