import { statSync } from "node:fs";
import { join } from "node:path";
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { describe, expect, it } from "vitest";
import { distDir, readJson, readTable, type UnitCsvRow } from "./dist.ts";

const topology = readJson<Topology>("boundaries-2025.topo.json");
const units = readTable<UnitCsvRow>("units.csv").rows;

function featuresOf(name: string) {
  // biome-ignore lint/suspicious/noExplicitAny: topojson-client's overloads do not narrow a named object
  return (feature(topology as any, topology.objects[name] as GeometryCollection) as any)
    .features as GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon, Record<string, string>>[];
}

describe("boundaries-2025.topo.json", () => {
  const communes = featuresOf("communes");
  const provinces = featuresOf("provinces");

  it("holds the 3,321 communes and 34 provinces of 2025-07-01, by the codes of units.csv", () => {
    const communeCodes = units
      .filter((u) => u.level === "commune" && u.valid_from === "2025-07-01")
      .map((u) => u.code);
    expect(communes.map((f) => f.properties.code).sort()).toEqual(communeCodes.sort());
    const provinceCodes = units
      .filter((u) => u.level === "province" && u.valid_from === "2025-07-01")
      .map((u) => u.code);
    expect(provinces.map((f) => f.properties.code).sort()).toEqual(provinceCodes.sort());
  });

  it("stays within 12 MB", () => {
    expect(statSync(join(distDir, "boundaries-2025.topo.json")).size).toBeLessThanOrEqual(12 * 1024 * 1024);
  });

  it("stores each shared edge once: no commune border is drawn twice", () => {
    const use = new Map<number, number>();
    for (const geometry of (topology.objects.communes as GeometryCollection).geometries) {
      const polygons =
        geometry.type === "Polygon" ? [geometry.arcs] : geometry.type === "MultiPolygon" ? geometry.arcs : [];
      for (const polygon of polygons)
        for (const ring of polygon)
          for (const arc of ring) use.set(arc < 0 ? ~arc : arc, (use.get(arc < 0 ? ~arc : arc) ?? 0) + 1);
    }
    const shared = [...use.values()].filter((n) => n === 2).length;
    expect(shared / use.size).toBeGreaterThan(0.6);
  });

  it("puts landmarks in the commune they belong to", () => {
    const landmarks: [string, number, number][] = [
      ["00070", 105.8524, 21.0287], // Hồ Hoàn Kiếm, Phường Hoàn Kiếm, Hà Nội
      ["26740", 106.699, 10.7798], // Nhà thờ Đức Bà, Phường Sài Gòn, Hồ Chí Minh City
    ];
    for (const [code, lng, lat] of landmarks) {
      const hits = communes.filter((f) => booleanPointInPolygon([lng, lat], f)).map((f) => f.properties.code);
      expect(hits, `${lng},${lat}`).toEqual([code]);
    }
  });
});
