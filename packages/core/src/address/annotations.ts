/**
 * Addresses written during the change, that give the old units and the new ones side by side:
 * "xã Tân Lập, huyện Đan Phượng (nay là xã Ô Diên)", "Phường Hồng Hà (Phúc Xá cũ), Hà Nội",
 * "Xã Liên Sơn (sáp nhập từ xã Cao Sơn)", "Xã A cũ, huyện B".
 */

/** The two readings an annotated address gives, or one text marked old or new. */
export type Annotation =
  | {
      kind: "both";
      /** The text in old units, and the text in new units. */
      old: string;
      new: string;
      /** Which of the two is the text without its annotation, and so holds the street. */
      main: "old" | "new";
    }
  | { kind: "marked"; text: string; era: "old" | "new" };

/** Words that say what follows is the unit of today: "nay là", "hiện nay là", "nay thuộc". */
const NOW = String.raw`(?:hiện\s+nay\s+là|hiện\s+là|nay\s+là|nay\s+thuộc|hien\s+nay\s+la|hien\s+la|nay\s+la|nay\s+thuoc)`;

/** Words that say what follows is the unit of before: "trước đây là", "sáp nhập từ", "cũ là". */
const BEFORE = String.raw`(?:trước\s+đây\s+là|trước\s+đây\s+thuộc|trước\s+là|trước\s+đây|sáp\s+nhập\s+từ|sát\s+nhập\s+từ|hợp\s+nhất\s+từ|cũ\s+là|truoc\s+day\s+la|truoc\s+la|sap\s+nhap\s+tu|sat\s+nhap\s+tu|hop\s+nhat\s+tu)`;

const STARTS_NOW = new RegExp(String.raw`^${NOW}\s*:?\s*`, "iu");
const STARTS_BEFORE = new RegExp(String.raw`^${BEFORE}\s*:?\s*`, "iu");
/** A marker inside the text, after a separator: "Xã A nay là xã B, tỉnh C". */
const INNER_NOW = new RegExp(String.raw`(?:^|[\s,;–-])\s*${NOW}\s*:?\s*`, "iu");
const INNER_BEFORE = new RegExp(String.raw`(?:^|[\s,;–-])\s*${BEFORE}\s*:?\s*`, "iu");

/** "cũ" (old) or "mới" (new) ending a bracket's text; without diacritics in brackets only. */
const ENDS_OLD = /(?:^|\s)(?:cũ|cu)$/iu;
const ENDS_NEW = /(?:^|\s)(?:mới|moi)$/iu;
/**
 * "cũ" after a name, outside brackets: no unit's name holds the word (without diacritics, many end
 * in "cu": "An Cư", "Trà Cú"). "mới" does ("Chợ Mới", "Phố Mới", "Đất Mới", and no other name ends in
 * "moi"), so after one of those words it is the name's.
 */
const BARE_OLD = /\s+cũ(?=\s*(?:[,;]|$))/giu;
const BARE_NEW = /(?<!(?:^|[^\p{L}])(?:chợ|phố|đất|cho|pho|dat))\s+(?:mới|moi)(?=\s*(?:[,;]|$))/giu;

/** A cheap test before the others: most addresses hold none of these words. */
const MAY_BE_ANNOTATED = /\(|\bnay\b|trước|truoc|nhập|nhap|nhất|nhat|cũ|mới|\bmoi\b/iu;

/**
 * The old and new readings of an annotated address, or the text without a marker that only says
 * which units it is written in; undefined for any other text.
 *
 * @example
 * splitAnnotation("thôn 3, xã Tân Lập, huyện Đan Phượng, Hà Nội (nay là xã Ô Diên)");
 * // { kind: "both", old: "thôn 3, xã Tân Lập, huyện Đan Phượng, Hà Nội", new: "xã Ô Diên", main: "old" }
 * splitAnnotation("Xã Nhơn Hậu cũ, thị xã An Nhơn"); // { kind: "marked", text: "Xã Nhơn Hậu, thị xã An Nhơn", era: "old" }
 */
export function splitAnnotation(text: string): Annotation | undefined {
  if (!MAY_BE_ANNOTATED.test(text)) return undefined;
  for (const group of [...text.matchAll(/\(([^()]*)\)/g)].reverse()) {
    const inside = (group[1] as string).trim();
    const outside = tidy(text.slice(0, group.index) + text.slice(group.index + group[0].length));
    const found = classify(inside, outside);
    if (found) return found;
  }
  const now = INNER_NOW.exec(text);
  if (now && now.index > 0)
    return both(text.slice(0, now.index), text.slice(now.index + now[0].length), "old");
  const before = INNER_BEFORE.exec(text);
  if (before && before.index > 0)
    return both(text.slice(before.index + before[0].length), text.slice(0, before.index), "new");
  const old = text.replace(BARE_OLD, "");
  if (old !== text) return { kind: "marked", text: tidy(old), era: "old" };
  const fresh = text.replace(BARE_NEW, "");
  if (fresh !== text) return { kind: "marked", text: tidy(fresh), era: "new" };
  return undefined;
}

/** What a bracket's text says about the text around it. */
function classify(inside: string, outside: string): Annotation | undefined {
  if (!outside) return undefined;
  const now = STARTS_NOW.exec(inside);
  if (now) return both(outside, inside.slice(now[0].length), "old");
  const before = STARTS_BEFORE.exec(inside);
  if (before) return both(inside.slice(before[0].length), outside, "new");
  if (/^(?:cũ|cu)$/iu.test(inside)) return { kind: "marked", text: outside, era: "old" };
  if (/^(?:mới|moi)$/iu.test(inside)) return { kind: "marked", text: outside, era: "new" };
  if (ENDS_OLD.test(inside)) return both(inside.replace(ENDS_OLD, ""), outside, "new");
  if (ENDS_NEW.test(inside)) return both(outside, inside.replace(ENDS_NEW, ""), "old");
  return undefined;
}

function both(old: string, now: string, main: "old" | "new"): Annotation | undefined {
  const [o, n] = [tidy(old), tidy(now)];
  return o && n ? { kind: "both", old: o, new: n, main } : undefined;
}

/** The text without the spaces and separators a cut left behind. */
function tidy(text: string): string {
  return text
    .replace(/\s+([,;])/g, "$1")
    .replace(/([,;])\s*[,;]+/g, "$1")
    .replace(/\s{2,}/g, " ")
    .replace(/^[\s,;–-]+|[\s,;–-]+$/g, "");
}
