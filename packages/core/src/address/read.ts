/**
 * Every reading of a text as units, for search: the chains the resolver built, best first, one per
 * unit read, each with the words it left unread.
 */
import type { Unit } from "../data/records.ts";
import type { UnitLevel } from "../units/kinds.ts";
import {
  type Chain,
  countryWordsBefore,
  type Designations,
  designationsStartingWith,
  type Hit,
} from "./resolve.ts";
import type { Token } from "./tokenize.ts";

/** A unit as a reading found it. */
export interface ReadUnit {
  unit: Unit;
  /** "old": in force on 2025-06-30; "new": in force on the reading's date. */
  era: "old" | "new";
  level: UnitLevel;
  /** Found through another name of a province ("Saigon", "HCM"). */
  viaAlias: boolean;
  /** Found by allowing a one-letter typo. */
  typo: boolean;
}

/** One reading of a text: its smallest unit and the larger ones around it that the text names. */
export interface Reading {
  commune?: ReadUnit;
  district?: ReadUnit;
  province?: ReadUnit;
  /** The resolver's score: higher is likelier. */
  score: number;
  /** Runs of words that are neither a unit, a designation nor the country, as written ("12 Hàng Bạc"). */
  unread: string[];
}

/** Readings of the chains, best first, one per smallest unit (its best chain), at most `limit`. */
export function readingsOf(
  text: string,
  tokens: Token[],
  chains: Chain[],
  designations: Designations,
  limit: number,
): Reading[] {
  const sorted = [...chains].sort((a, b) => b.score - a.score);
  const seen = new Set<string>();
  const readings: Reading[] = [];
  for (const chain of sorted) {
    const smallest = chain.commune ?? chain.district ?? chain.province;
    if (!smallest) continue;
    const key = `${smallest.indexed.era}:${smallest.indexed.level}:${smallest.indexed.unit.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    readings.push({
      commune: readUnit(chain.commune),
      district: readUnit(chain.district),
      province: readUnit(chain.province),
      score: Math.round(chain.score * 100) / 100,
      unread: unreadParts(text, tokens, chain, designations),
    });
    if (readings.length >= limit) break;
  }
  return readings;
}

function readUnit(hit: Hit | undefined): ReadUnit | undefined {
  if (!hit) return undefined;
  const { unit, era, level, viaAlias } = hit.indexed;
  return { unit, era, level, viaAlias, typo: hit.typo };
}

/** The runs of words outside the chain's units, their designations and the country, as written. */
export function unreadParts(
  text: string,
  tokens: Token[],
  chain: Chain,
  designations: Designations,
): string[] {
  const runs = unreadRuns(tokens, chain, designations);
  const parts: string[] = [];
  for (let r = 0; r < runs.length; r += 2)
    parts.push(runText(text, tokens, runs[r] as number, runs[r + 1] as number));
  return parts;
}

/** The text of the tokens [from, to) as written. */
export function runText(text: string, tokens: Token[], from: number, to: number): string {
  const start = (tokens[from] as Token).start;
  const end = (tokens[to - 1] as Token).end;
  // Quotes and brackets around the words stay with them ('Tòa nhà "Sao Mai" (tầng 3)'), when they
  // pair up: a quote opening the whole line does not.
  let before = start;
  while (before > 0 && OPENING.includes(text.charAt(before - 1))) before--;
  let after = end;
  while (after < text.length && CLOSING.includes(text.charAt(after))) after++;
  for (const [a, b] of [
    [before, after],
    [start, after],
    [before, end],
  ] as const) {
    const run = text.slice(a, b);
    if ((a < start || b > end) && pairsUp(run)) return run;
  }
  return text.slice(start, end);
}

const OPENING = `"'“‘«([{`;
const CLOSING = `"'”’»)]}`;
const PAIRS = ["“”", "‘’", "«»", "()", "[]", "{}"];

/** True when every quote and bracket of the text is closed. */
function pairsUp(text: string): boolean {
  const count = (c: string) => text.split(c).length - 1;
  return (
    count('"') % 2 === 0 &&
    count("'") % 2 === 0 &&
    PAIRS.every((pair) => count(pair.charAt(0)) === count(pair.charAt(1)))
  );
}

/**
 * The runs of tokens [from, to) outside the chain's units, their designations and the country, as
 * `[from, to, from, to, …]` (one array: this runs for every address converted). A
 * number or Roman numeral closing a commune's part belongs to its name as people write it
 * ("Phường Hải Châu 1" for Phường Hải Châu I).
 */
export function unreadRuns(tokens: Token[], chain: Chain, designations: Designations): number[] {
  const consumed = new Array<boolean>(tokens.length).fill(false);
  for (const hit of [chain.commune, chain.district, chain.province]) {
    if (!hit) continue;
    for (let i = hit.start; i < hit.end; i++) consumed[i] = true;
    let i = hit.start - 1;
    while (i >= 0 && designations.isDesignation[i]) consumed[i--] = true;
    if (i === hit.start - 1 && misspeltDesignationOf(tokens, i, hit)) consumed[i] = true;
    const suffix = designations.after[hit.end];
    if (suffix) for (let i = hit.end; i < hit.end + suffix.words.length; i++) consumed[i] = true;
  }
  const end = chain.commune?.end ?? tokens.length;
  const numeral = tokens[end];
  if (numeral && !numeral.breakBefore && (numeral.word.numeric || ROMAN.has(numeral.loose))) {
    const next = tokens[end + 1];
    if (!next || next.breakBefore || consumed[end + 1]) consumed[end] = true;
  }
  let lastFree = tokens.length;
  while (lastFree > 0 && consumed[lastFree - 1]) lastFree--;
  const country = countryWordsBefore(tokens, lastFree);
  for (let i = lastFree - country; i < lastFree; i++) consumed[i] = true;
  const runs: number[] = [];
  let runStart = -1;
  for (let i = 0; i <= tokens.length; i++) {
    const free = i < tokens.length && !consumed[i];
    if (free && runStart < 0) runStart = i;
    if (!free && runStart >= 0) {
      runs.push(runStart, i);
      runStart = -1;
    }
  }
  return runs;
}

/**
 * True when token i opens its part and is spelled, but for its diacritics, as a one-word designation of
 * the hit's level right after it: "Quân" in "Quân Tân Bình" is the district's designation mistyped.
 */
function misspeltDesignationOf(tokens: Token[], i: number, hit: Hit): boolean {
  const token = tokens[i];
  if (!token || (i > 0 && !token.breakBefore) || (tokens[i + 1] as Token).breakBefore) return false;
  const designations = designationsStartingWith(token.word);
  return !!designations?.some(
    (designation) => designation.words.length === 1 && designation.levels.includes(hit.indexed.level),
  );
}

const ROMAN = new Set(["i", "ii", "iii", "iv", "v"]);
