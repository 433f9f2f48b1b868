/**
 * Forms' labels in an address's text. Fields that hold more than one address, each after a label:
 * "Thường trú: …; Tạm trú: …" (permanent, then temporary residence), "HKTT: … Chỗ ở hiện nay: …",
 * "Quê quán: … Nơi ở: …", "ĐC1: … ĐC2: …", or "… (hoặc …)" (or). The first address is the one the
 * field names first, and the one read: read whole, the text would answer for the last one, the units
 * being written last.
 */
import type { Token } from "./tokenize.ts";

/** Loose words of the labels that open an address; `#` stands for a number ("ĐC2", "Địa chỉ 2"). */
const LABELS: readonly (readonly string[])[] = [
  ["thuong", "tru"],
  ["tam", "tru"],
  ["hktt"],
  ["ho", "khau"],
  ["cho", "o"],
  ["noi", "o"],
  ["que", "quan"],
  ["nguyen", "quan"],
  ["noi", "sinh"],
  ["dc", "#"],
  ["dia", "chi", "#"],
];

/** Words a label may go on with before its colon ("Chỗ ở hiện nay:", "Hộ khẩu thường trú:"). */
const LABEL_TAIL = new Set(["hien", "nay", "tai", "thuong", "tru", "tam", "dang", "ky", "moi", "cu", "khac"]);
const MAX_TAIL = 3;

/**
 * Where the second address of the text starts (its label's offset in `text`, which `tokens` were
 * read from), or -1 when the text holds one. A label opening the text is the first address's own.
 */
export function secondAddressStart(text: string, tokens: Token[]): number {
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.loose === "hoac" && /\(\s*$/.test(text.slice((tokens[i - 1] as Token).end, token.start)))
      return token.start;
    const end = labelEnd(tokens, i);
    if (end < 0) continue;
    const after = text.slice((tokens[end - 1] as Token).end, tokens[end]?.start ?? text.length);
    if (after.includes(":")) return token.start;
  }
  return -1;
}

/** The index after a label's words (and their tail) starting at token i, or -1 when none starts there. */
function labelEnd(tokens: Token[], i: number): number {
  for (const label of LABELS) {
    if (i + label.length > tokens.length) continue;
    const fits = label.every((word, k) => {
      const token = tokens[i + k] as Token;
      return word === "#" ? token.word.numeric : token.loose === word;
    });
    if (!fits) continue;
    let end = i + label.length;
    while (
      end < tokens.length &&
      end - i - label.length < MAX_TAIL &&
      LABEL_TAIL.has((tokens[end] as Token).loose)
    )
      end++;
    return end;
  }
  return -1;
}

/** The most words a form's label has ("Địa chỉ cụ thể", "Tỉnh/Thành phố"). */
const MAX_LABEL_WORDS = 4;

/**
 * Which tokens are a form's label ("Địa chỉ cụ thể:", "Phường/Xã:", "Tỉnh/Thành phố:", "ĐC1:"): up
 * to four words right before a colon, a number only as the last of them, from the start of the text
 * or the last mark before them but slashes. They name nothing ("Tỉnh/Thành phố: Tỉnh Tiền Giang" holds
 * no misspelled Thạnh Phú, "Tỉnh/Thành phố" no Xã Thanh), and are no part of a street, though a
 * label's designation still names the field's unit ("Quận/Huyện: Hoà An"). Undefined when there is none.
 */
export function formLabels(text: string, tokens: Token[]): boolean[] | undefined {
  if (!text.includes(":")) return undefined;
  let labels: boolean[] | undefined;
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const gap = text.slice(token.end, tokens[i + 1]?.start ?? text.length);
    const beforeColon = /^[ \t\u00a0]*:/.test(gap);
    // A number ends a label only after its words ("ĐC1:", "Địa chỉ 2:"); elsewhere it is the address's.
    if (token.word.numeric && !(beforeColon && i > start)) start = i + 1;
    else if (beforeColon && i - start < MAX_LABEL_WORDS) {
      labels ??= new Array<boolean>(tokens.length).fill(false);
      for (let k = start; k <= i; k++) labels[k] = true;
    }
    if (!/^[ \t\u00a0/]*$/.test(gap)) start = i + 1;
  }
  return labels;
}
