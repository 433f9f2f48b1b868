import { loadDiagioi } from "@diagioi/data";
const d = loadDiagioi({ boundaries: false });
const input = process.argv[2] as string, date = process.argv[3] as string;
console.log(d.convert(input, { date }).status);
for (const r of d.converter.read(input, { limit: 4, date }))
  console.log(r.commune ? `${r.commune.era}:${r.commune.unit.code} ${r.commune.unit.fullName} ${r.commune.unit.validFrom}..${r.commune.unit.validTo} parent ${r.commune.unit.parentCode}` : "-", "|", r.district?.unit.fullName, r.district?.era);
for (const v of d.units.units.filter((u) => u.level === "commune" && u.name === process.argv[4])) console.log("  version", v.code, v.fullName, v.validFrom, v.validTo, v.parentCode);
