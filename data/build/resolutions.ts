/** Parses the commune-arrangement resolutions into numbered clauses and the new unit each forms. */
import { nameKey } from "@diagioi/core";
import type { LegalText } from "./sources.ts";

export interface Clause {
  ref: string;
  article: number;
  clause: number;
  /** Plain text of the clause: Markdown marks removed, lines joined, NFC. */
  text: string;
  /** The new unit the clause forms ("… có tên gọi là phường X"), as written. */
  target?: { designation: string; name: string };
}

export interface ParsedResolution {
  ref: string;
  /** The province the resolution arranges, as written in its title ("Hà Nội"). */
  provinceName: string;
  clauses: Clause[];
}

const ARTICLE = /^\*{0,2}\s*Điều\s+(\d+)\s*\./;
const CLAUSE = /^(\d{1,3})\\?\.\s*(?=\p{Lu})/u;
const TITLE = /cấp xã của (?:tỉnh|thành phố) (.+?) năm 2025/i;
const TARGET = /có tên gọi\s*(?:là\s*)?(phường|xã|đặc khu)\s+([^.;]+?)\s*(?:[.;]|$)/i;
// "… của xã A và xã B thành xã B." (kept name) or "Đổi tên xã A thành xã B." (renamed)
const TARGET_AT_END = /\sthành (phường|xã|đặc khu) ([^.;,]+?)\s*[.;]?\s*$/;

export function parseResolution(legal: LegalText): ParsedResolution {
  const lines = legal.text.split("\n");
  const title = TITLE.exec(plain(lines.slice(0, 60).join(" ")));
  if (!title?.[1]) throw new Error(`${legal.file}: no "cấp xã của … năm 2025" in the title`);

  const clauses: Clause[] = [];
  let article = 0;
  let current: { clause: number; lines: string[] } | undefined;
  const close = () => {
    if (!current) return;
    const text = plain(current.lines.join(" "));
    const target = TARGET.exec(text) ?? TARGET_AT_END.exec(text);
    clauses.push({
      ref: legal.ref,
      article,
      clause: current.clause,
      text,
      target:
        target?.[1] && target[2]
          ? { designation: target[1].toLowerCase(), name: target[2].trim() }
          : undefined,
    });
    current = undefined;
  };
  for (const line of lines) {
    const articleMatch = ARTICLE.exec(line.trim());
    if (articleMatch?.[1]) {
      close();
      article = Number(articleMatch[1]);
      continue;
    }
    const clauseMatch = article > 0 ? CLAUSE.exec(line.trim()) : null;
    if (clauseMatch?.[1]) {
      close();
      current = { clause: Number(clauseMatch[1]), lines: [line.trim().slice(clauseMatch[0].length)] };
    } else if (current) {
      current.lines.push(line);
    }
  }
  close();
  return { ref: legal.ref, provinceName: plain(title[1]), clauses };
}

/** "Điều 1, khoản 3" (Article 1, clause 3). */
export function clauseLabel(clause: Clause): string {
  return `Điều ${clause.article}, khoản ${clause.clause}`;
}

/** Index of the clauses that form a new unit, by the name key of "designation name". */
export function clausesByTarget(resolution: ParsedResolution): Map<string, Clause[]> {
  const index = new Map<string, Clause[]>();
  for (const clause of resolution.clauses) {
    if (!clause.target) continue;
    const key = nameKey(`${clause.target.designation} ${clause.target.name}`);
    index.set(key, [...(index.get(key) ?? []), clause]);
  }
  return index;
}

function plain(markdown: string): string {
  return degluedText(
    markdown
      .normalize("NFC")
      .replace(/\*+/g, " ")
      .replace(/\\([-.()[\]*_])/g, "$1")
      .replace(/\\$/gm, ""),
  );
}

// The converted texts glue words together ("củaxã", "Lợivà", "xãQuảng Lâm", ",xã"): put back
// the space around the designations and linking words that the clauses are built from.
const LINK_WORDS = "xã|phường|thị trấn|đặc khu|các|và|của|sau|thành|một phần|phần còn lại";
const GLUED_AFTER_WORD = new RegExp(`(\\p{Ll})(${LINK_WORDS})(?=[\\s,.;(\\p{Lu}]|$)`, "gu");
const GLUED_BEFORE_NAME = /(xã|phường|trấn|khu|các|và|của)(?=\p{Lu})/gu;

/** Joins lines, restores glued words and collapses white space. */
export function degluedText(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(GLUED_AFTER_WORD, "$1 $2")
    .replace(GLUED_BEFORE_NAME, "$1 ")
    .replace(/,(?=\p{L})/gu, ", ")
    .replace(/\s+/g, " ")
    .trim();
}
