import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { candidatesWithinOneEdit, type TypoCandidate, withinOneEdit } from "../src/address/resolve.ts";
import type { Unit } from "../src/data/records.ts";

/** Optimal string alignment distance (edits and swaps of neighbours), by dynamic programming. */
function osaDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

describe("one-edit comparison used for typos", () => {
  it("agrees with the edit distance on random words", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "n", "h"), maxLength: 7 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(withinOneEdit(a, b)).toBe(osaDistance(a, b) <= 1);
      }),
      { numRuns: 5000 },
    );
  });

  it("accepts the four kinds of typo", () => {
    expect(withinOneEdit("tanlap", "tanlapp")).toBe(true); // insertion
    expect(withinOneEdit("tanlap", "tanla")).toBe(true); // deletion
    expect(withinOneEdit("tanlap", "tanlep")).toBe(true); // substitution
    expect(withinOneEdit("tanlap", "tnalap")).toBe(true); // swap
    expect(withinOneEdit("tanlap", "tnalpa")).toBe(false);
  });
});

describe("typo candidates, scanned in short lists and found through a table of deletions in long ones", () => {
  const letter = fc.constantFrom("a", "b", "c", "n", "h");
  /** A word one random edit away from `key`: insertion, deletion, substitution or swap. */
  const editOf = (key: string) =>
    fc.tuple(fc.nat(key.length), fc.nat(3), letter).map(([at, kind, c]) => {
      const i = at % key.length;
      if (kind === 0) return key.slice(0, i) + c + key.slice(i);
      if (kind === 1) return key.slice(0, i) + key.slice(i + 1);
      if (kind === 2) return key.slice(0, i) + c + key.slice(i + 1);
      return i + 1 < key.length ? key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2) : key;
    });

  it.each([
    ["short", 0, 30],
    ["long", 65, 150],
  ])(
    "are exactly the candidates within one edit, for words of four letters or more (%s lists)",
    (_, minLength, maxLength) => {
      const key = fc.string({ unit: letter, minLength: 4, maxLength: 7 });
      const input = key.chain((k) =>
        fc.tuple(
          fc.constant(k),
          fc.uniqueArray(fc.oneof(fc.string({ unit: letter, minLength: 2, maxLength: 8 }), editOf(k)), {
            minLength,
            maxLength,
          }),
        ),
      );
      fc.assert(
        fc.property(input, ([k, names]) => {
          const candidates: TypoCandidate[] = names.map((name) => ({
            unit: { code: name } as Unit,
            era: "old",
            key: name,
          }));
          const found = candidatesWithinOneEdit(k, candidates)
            .map((c) => c.key)
            .sort();
          expect(found).toEqual(names.filter((name) => withinOneEdit(k, name)).sort());
        }),
        { numRuns: 1500 },
      );
    },
  );

  it("come shorter names first, then by the letters they share with the key, then in list order", () => {
    const names = ["tanlapp", "xanlap", "tanlab", "anlap", "tanla", "tanlac"];
    const candidates: TypoCandidate[] = names.map((name) => ({
      unit: { code: name } as Unit,
      era: "old",
      key: name,
    }));
    expect(candidatesWithinOneEdit("tanlap", candidates).map((c) => c.key)).toEqual([
      "tanla",
      "anlap",
      "tanlab",
      "tanlac",
      "xanlap",
      "tanlapp",
    ]);
  });
});
