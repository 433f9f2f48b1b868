/**
 * Reads a resolution clause as the list of old units it arranges, each with the share it gives:
 * "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã A, xã B và một phần diện tích tự nhiên
 * của xã C thành xã mới có tên gọi là xã D" → (A, whole), (B, whole), (C, part_area). The new unit
 * (D) is read by resolutions.ts; here only what the clause takes from.
 */
import { SHARE_PHRASES, type Share, TARGET_PART } from "./mentions.ts";

/** What a clause says of one old unit: its designation and name as written, and the share. */
export interface ClauseTerm {
  /** "xã", "phường", "thị trấn", "đặc khu", a district designation ("huyện", "quận", "thị xã", "thành phố"), or "khu vực" (an area that is no unit). */
  designation: string;
  /** The name as the text writes it ("Ea Bar", "15"); for an area, its description. */
  name: string;
  /** The district named in brackets after it: "(huyện Tuy Phong)", "(do huyện Kim Sơn quản lý)". */
  district?: string;
  /** "kept" for the units a clause lists as not arranged (*không thực hiện sắp xếp*). */
  share: Share | "kept";
  /** The text runs the name into the word after it ("Pa Ủthành", "Phường 8(thành phố …)"). */
  glued?: true;
}

export const DISTRICT_DESIGNATIONS: ReadonlySet<string> = new Set(["huyện", "quận", "thị xã", "thành phố"]);

const KEPT = /không thực hiện sắp xếp/;
const WORD = "[\\p{Lu}\\d][\\p{L}\\p{M}\\d'’]*";
// "Nông trường Việt Lâm": the one lower-case word that unit names carry in the resolutions.
const NAME = `${WORD}(?:(?: - | |-)(?:${WORD}|trường(?= \\p{Lu})))*`;
const DESIGNATION = new RegExp(
  `\\s*(?:(?:,|và)\\s+)?(?:[cC]ác\\s+)?([xX]ã|[pP]hường|[tT]hị trấn|[đĐ]ặc khu|[hH]uyện|[qQ]uận|[tT]hị xã|[tT]hành phố)\\s+(${NAME})`,
  "uy",
);
const NEXT_NAME = new RegExp(`\\s*(?:,|\\svà)\\s+(${NAME})`, "uy");
const QUALIFIER =
  /\s*\((?:thuộc\s+|do\s+)?([hH]uyện|[qQ]uận|[tT]hị xã|[tT]hành phố)\s*([^)]+?)(?:\s+quản lý)?\s*\)/uy;
/** "khu vực bãi bồi ven biển (do huyện Kim Sơn quản lý)": an area a district managed directly. */
const AREA = /\s*khu vực ([^(,;]+?)(?=\s*\((?:thuộc\s+|do\s+)?(?:huyện|quận|thị xã|thành phố)\s)/uy;
/** "sau khi sắp xếp theo quy định tại các khoản 1, 3 Điều này": ends the scope of "phần còn lại". */
const CLAUSE_REFERENCE =
  /\s*(?:sau khi sắp xếp\s*)?(?:theo quy định\s*)?tại (?:các )?khoản [\d\s,]*(?:(?:,|và)?\s*khoản [\d\s,]*)*(?:Điều (?:này|\d+))?/uy;
const NEXT_WORD = /\s*\S+/uy;
/** Linking words glued to the name before them ("Pa Ủthành", "Tân Uyênvàcác", "Dân Thànhthành"). */
/** A district designation glued to its name: "(huyệnMèo Vạc)". */
const GLUED_DISTRICT = /(huyện|quận|thị xã|thành phố)(?=\p{Lu})/gu;
const GLUED = /(?<=[\p{L}\d)])(thành|và|các)(?=\s|và|các|xã|phường|thị trấn|$)/gu;

/**
 * The old units a clause names, in order, with their shares. A name takes the share of the last
 * share phrase before it (none: whole); a "phần còn lại … sau khi sắp xếp theo quy định tại khoản …"
 * remainder covers only the names before its clause reference, the names after it go back to the
 * share in force before it. In a clause listing units that are not arranged, every name is kept.
 *
 * @example
 * parseClauseTerms("Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Phan Thanh và một phần diện tích tự nhiên của xã Hòa Thắng thành xã mới có tên gọi là xã Hồng Thái.")
 * // [{ designation: "xã", name: "Phan Thanh", share: "whole" }, { designation: "xã", name: "Hòa Thắng", share: "part_area" }]
 */
export function parseClauseTerms(raw: string): ClauseTerm[] {
  const spaced = raw.replace(GLUED_DISTRICT, "$1 ");
  const glued = new Set<number>();
  const text = spaced.replace(GLUED, (word: string, _w: string, offset: number) => {
    glued.add(offset + glued.size);
    return ` ${word}`;
  });
  const kept = KEPT.exec(text);
  const cut = kept ? undefined : TARGET_PART.exec(text);
  const from = kept ? kept.index + kept[0].length : 0;
  const source = text.slice(from, cut ? cut.index : text.length);
  const phrases = sharePhrases(source);
  const terms: ClauseTerm[] = [];
  let share: Share = "whole";
  let beforeRemainder: Share = "whole";
  let designation = "";
  let inList = false;
  let at = 0;
  const sticky = (pattern: RegExp) => {
    pattern.lastIndex = at;
    const match = pattern.exec(source);
    if (match) at = pattern.lastIndex;
    return match;
  };
  const push = (name: string) => {
    const term: ClauseTerm = { designation, name, share: kept ? "kept" : share };
    if (glued.has(from + at) || source[at] === "(") term.glued = true;
    terms.push(term);
    inList = true;
  };
  while (at < source.length) {
    const phrase = phrases.get(at) ?? phrases.get(at + 1);
    if (phrase) {
      if (phrase.kind === "remainder" && share !== "remainder") beforeRemainder = share;
      share = phrase.kind;
      at = phrase.end;
      inList = false;
      continue;
    }
    if (sticky(CLAUSE_REFERENCE)) {
      if (share === "remainder") share = beforeRemainder;
      inList = false;
      continue;
    }
    const named = sticky(DESIGNATION);
    if (named?.[1] && named[2]) {
      designation = named[1].toLowerCase();
      push(named[2]);
      continue;
    }
    const next = inList ? sticky(NEXT_NAME) : null;
    if (next?.[1]) {
      push(next[1]);
      continue;
    }
    const qualifier = inList ? sticky(QUALIFIER) : null;
    const last = terms[terms.length - 1];
    if (qualifier?.[2] && last) {
      last.district = qualifier[2].trim();
      continue;
    }
    const area = sticky(AREA);
    if (area?.[1]) {
      designation = "khu vực";
      push(area[1]);
      continue;
    }
    const wordStart = at;
    if (!sticky(NEXT_WORD)) break;
    // A share phrase glued to the word before it ("Lê Ninh vàphần còn lại"): read it from its start.
    for (let i = wordStart + 1; i < at; i++) {
      if (phrases.has(i)) {
        at = i;
        break;
      }
    }
    inList = false;
  }
  return terms;
}

/** Share phrases by the offset where they start, first (most specific) phrase winning. */
function sharePhrases(text: string): Map<number, { end: number; kind: Share }> {
  const lower = text.toLowerCase();
  if (lower.length !== text.length) throw new Error(`clause text changes length in lower case: ${text}`);
  const phrases = new Map<number, { end: number; kind: Share }>();
  const covered: [number, number][] = [];
  for (const [pattern, kind] of SHARE_PHRASES) {
    for (const match of lower.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (covered.some(([a, b]) => start < b && end > a)) continue;
      covered.push([start, end]);
      phrases.set(start, { end, kind });
    }
  }
  return phrases;
}
