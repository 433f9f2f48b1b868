import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withinOneEdit } from "../src/address/resolve.ts";

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
