/** Disagreements and checks found while reconciling the sources; they become QUALITY.md. */

export type FindingType =
  | "code_conflict"
  | "name_spelling"
  | "missing_link"
  | "kind_disagreement"
  | "link_disagreement"
  | "named_otherwise"
  | "unmatched_clause"
  | "non_commune_source"
  | "later_change";

export interface Finding {
  type: FindingType;
  /** The unit code or link the finding is about, e.g. "00553" or "00553→00562". */
  subject: string;
  /** What the sources say. */
  detail: string;
  /** What the dataset does about it, and why. */
  resolution: string;
}

export class Findings {
  readonly items: Finding[] = [];

  add(type: FindingType, subject: string, detail: string, resolution: string): void {
    this.items.push({ type, subject, detail, resolution });
  }

  countByType(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const item of this.items) counts[item.type] = (counts[item.type] ?? 0) + 1;
    return counts;
  }
}
