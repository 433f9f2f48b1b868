import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createDiagioi, type DiagioiData, fromPrepared, prepareDataset } from "@diagioi/core";
import { describe, expect, it } from "vitest";
import { distDir } from "./dist.ts";

const read = (file: string) => readFileSync(join(distDir, file), "utf8");
const fromCsv = createDiagioi({
  units: read("units.csv"),
  lineage: read("lineage.csv"),
  history: { units: read("units-history.csv"), lineage: read("lineage-history.csv") },
});
const prepared = fromPrepared(JSON.parse(JSON.stringify(prepareDataset(fromCsv))));

/** The prepared data, counting how often the links are asked for. */
function counted(data: DiagioiData) {
  const reads = { count: 0 };
  const { lineage, history, ...rest } = data;
  const watched: DiagioiData = {
    ...rest,
    get lineage() {
      reads.count++;
      return lineage;
    },
    ...(history && {
      history: {
        get lineage() {
          reads.count++;
          return history.lineage;
        },
      },
    }),
  };
  return { diagioi: createDiagioi(watched), reads };
}

/** Every district of 2025-06-30 alone, and a commune of each with its district and province. */
function addresses(): string[] {
  const registry = fromCsv.units;
  const out: string[] = [];
  for (const district of registry.all({ date: "2025-06-30" })) {
    if (district.level !== "district") continue;
    const province = registry.byCode(district.parentCode, { date: "2025-06-30" });
    out.push(`${district.fullName}, ${province?.fullName}`);
    const [commune] = registry.children(district.code, { date: "2025-06-30" });
    if (commune) out.push(`${commune.fullName}, ${district.fullName}, ${province?.fullName}`);
  }
  return out;
}

describe("the prepared dataset (what loadDiagioi reads)", () => {
  it("converts every district and a commune of each as the CSV files do, without parsing the links", () => {
    const { diagioi, reads } = counted(prepared);
    const inputs = addresses();
    expect(inputs.length).toBeGreaterThan(1300);
    for (const input of inputs) expect(diagioi.convert(input), input).toEqual(fromCsv.convert(input));
    // A district written alone converts to the commune it all went into (Côn Đảo) from the index.
    expect(diagioi.convert("Huyện Côn Đảo, Tỉnh Bà Rịa - Vũng Tàu").new?.full_name).toBe("Đặc khu Côn Đảo");
    expect(reads.count).toBe(0);
    // The links are still there when asked for.
    expect(diagioi.lineage.links.length).toBe(fromCsv.lineage.links.length);
    expect(reads.count).toBeGreaterThan(0);
  });
});
