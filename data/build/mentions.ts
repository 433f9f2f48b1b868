/**
 * Finds which old units a legal clause or a "trước sáp nhập" text names, and how: whole, part of
 * the area and population, part of the area only, and so on. The texts list old units after a
 * phrase that sets the share ("toàn bộ diện tích tự nhiên, quy mô dân số của các phường A, B, một
 * phần diện tích tự nhiên của phường C"), so a name takes the share of the last phrase before it.
 */
import { type ChangeKind, nameKey, removeDiacritics } from "@diagioi/core";
import { degluedText } from "./resolutions.ts";

/**
 * A share as a text states it; "remainder" is "phần còn lại" (what is left of a unit after other
 * clauses took parts of it), which says the unit is split but not how.
 */
export type Share = ChangeKind | "remainder";

/** Phrases that set the share of the names after them, most specific first (matched on lower-case text). */
export const SHARE_PHRASES: [RegExp, Share][] = [
  [/một phần diện tích(?: tự nhiên| tn)?,? (?:và )?toàn bộ (?:quy mô )?dân số/g, "part_area_all_population"],
  [/một phần diện tích(?: tự nhiên| tn)?,? (?:và )?(?:một phần )?(?:quy mô )?dân số/g, "part"],
  [/một phần diện tích/g, "part_area"],
  [/một phần (?:quy mô )?dân số|phần (?:quy mô )?dân số còn lại/g, "part_population"],
  [/toàn bộ diện tích/g, "whole"],
  [/phần còn lại/g, "remainder"],
];

/**
 * The part of a clause that names the new unit ("thành phường mới có tên gọi là …", "thành xã B"),
 * cut off so that its name is not read as an old one. Lower-case "thành" is the verb; in names it
 * is capitalised ("Tân Thành").
 */
export const TARGET_PART =
  /(?<=^|\s)thành (?:phường|xã|đặc khu|thị trấn)(?=\s)(?!.*\sthành (?:phường|xã|đặc khu|thị trấn)\s)|có tên gọi là/;
/** "(phần còn lại sau khi sáp nhập vào phường X)" after a name: that name is a remainder. */
const REMAINDER_NOTE = /\s*\(phần còn lại[^)]*\)/g;
/** References to other clauses: "theo quy định tại khoản 1, khoản 3 Điều này". */
const CLAUSE_REFERENCES = /(?:theo quy định )?tại (?:các )?(?:khoản [\d\s,và]+)+(?:điều (?:này|\d+))?/g;

export interface TextIndex {
  text: string;
  shares: { at: number; kind: Share }[];
  remainders: number[];
}

/** Prepares a text once for many {@link shareOf} look-ups. */
export function indexText(raw: string): TextIndex {
  let text = degluedText(raw);
  const cut = TARGET_PART.exec(text);
  if (cut) text = text.slice(0, cut.index);
  text = nameKey(text);
  text = text.replace(CLAUSE_REFERENCES, " ");
  const remainders: number[] = [];
  let removed = 0;
  text = text.replace(REMAINDER_NOTE, (note: string, offset: number) => {
    remainders.push(offset - removed);
    removed += note.length;
    return "";
  });
  const shares: TextIndex["shares"] = [];
  const taken = new Set<number>();
  for (const [phrase, kind] of SHARE_PHRASES) {
    for (const match of text.matchAll(phrase)) {
      if (taken.has(match.index)) continue;
      taken.add(match.index);
      shares.push({ at: match.index, kind });
    }
  }
  shares.sort((a, b) => a.at - b.at);
  return { text, shares, remainders };
}

/**
 * The share under which `name` (a bare unit name such as "Cửa Nam" or "1") is named in the
 * text, or undefined when the text does not name it. A name listed before any share phrase
 * counts as whole, as in the "trước sáp nhập" texts.
 */
export function shareOf(index: TextIndex, name: string): Share | undefined {
  const key = nameKey(name);
  const numeric = /^\d+$/.test(key);
  const pattern = new RegExp(`(^|[\\s,(])${escapeRegExp(key)}(?=$|[\\s,.;)])`, "g");
  for (const match of index.text.matchAll(pattern)) {
    const start = match.index + (match[1] ?? "").length;
    const end = start + key.length;
    if (numeric && !/(phường|xã|trấn|,|và)\s*$/.test(index.text.slice(Math.max(0, start - 12), start)))
      continue;
    if (index.remainders.includes(end)) return "remainder";
    return shareAt(index, start);
  }
  return similarNameAt(index, key);
}

function shareAt(index: TextIndex, position: number): Share {
  let kind: Share = "whole";
  for (const share of index.shares) if (share.at < position) kind = share.kind;
  return kind;
}

/**
 * Names in the texts are sometimes spelled another way ("Sủng Tráng" / "Sủng Cháng", "Phó" / "Phố"):
 * a run of as many words that differs by at most two letters once diacritics are gone counts as
 * the name, unless the name is a number or a single short word.
 */
function similarNameAt(index: TextIndex, key: string): Share | undefined {
  const wanted = compact(key);
  const size = key.split(" ").length;
  if (/\d/.test(wanted) || wanted.length < 5) return undefined;
  const words = [...index.text.matchAll(/[^\s,.;()]+/g)];
  for (let i = 0; i < words.length; i++) {
    for (let length = Math.max(1, size - 1); length <= size + 1 && i + length <= words.length; length++) {
      const first = words[i] as RegExpMatchArray;
      const last = words[i + length - 1] as RegExpMatchArray;
      const run = index.text.slice(first.index, (last.index ?? 0) + last[0].length);
      if (!/[,.;()]/.test(run) && editDistanceAtMost(compact(run), wanted, 2))
        return shareAt(index, first.index ?? 0);
    }
  }
  return undefined;
}

/** Letters and digits only, without diacritics: "Ea M' Doal" → "eamdoal". */
function compact(text: string): string {
  return removeDiacritics(text)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** True when `a` and `b` are at most `limit` edits apart (Levenshtein). */
export function editDistanceAtMost(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    if (Math.min(...current) > limit) return false;
    previous = current;
  }
  return (previous[b.length] as number) <= limit;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
