/**
 * The synthetic demo register: facilities at the seats the merger emptied, placed at the old units'
 * centres (data/dist/centres-pre2025.csv), with realistic areas, conditions, flags and options, and
 * a history from July 2025 to mid-2026 whose national totals follow the reported ones (plan.ts).
 * Deterministic: the same dataset and seed give the same register.
 */
import {
  addDays,
  type Diagioi,
  type DisposalOption,
  emptiedSeats,
  type Facility,
  OPTIONS,
  pick,
  random,
  type Seat,
  type Stage,
} from "@diagioi/core";
import {
  day,
  HISTORY_END,
  LATER_ADDITIONS,
  LISTED_AT_FIRST,
  planTimeline,
  REPORTED_BACKLOG,
  type Slot,
  shuffled,
} from "./plan.ts";

export const DEMO_SEED = 20250701;

export interface DemoEvent {
  action: string;
  at: string;
  actor: string;
  stage: Stage;
  fields: Partial<Facility>;
  note: string | null;
}

export interface DemoFacility {
  record: Omit<
    Facility,
    | "id"
    | "province_code"
    | "commune_code"
    | "address_new"
    | "address_commune_code"
    | "version"
    | "created_at"
    | "updated_at"
  >;
  province: string;
  commune: string;
  events: DemoEvent[];
}

/** Offices an abolished unit typically leaves, by level (names without the unit). */
const OFFICES: Record<"province" | "district" | "commune", string[]> = {
  province: [
    "Trụ sở Văn phòng UBND",
    "Trụ sở Tỉnh ủy",
    "Trụ sở Sở Tài chính",
    "Trụ sở Sở Xây dựng",
    "Trụ sở Sở Nội vụ",
    "Trụ sở Sở Giáo dục và Đào tạo",
    "Trụ sở Sở Y tế",
    "Trụ sở Sở Văn hóa, Thể thao và Du lịch",
    "Trụ sở Sở Tư pháp",
    "Trụ sở Sở Nông nghiệp và Môi trường",
    "Trụ sở Sở Khoa học và Công nghệ",
    "Trụ sở Sở Công Thương",
    "Nhà khách",
    "Trung tâm Hội nghị",
    "Khu nhà công vụ",
  ],
  district: [
    "Trụ sở HĐND – UBND",
    "Trụ sở Huyện ủy",
    "Trụ sở Phòng Tài nguyên và Môi trường",
    "Trụ sở Phòng Giáo dục và Đào tạo",
    "Trụ sở Phòng Tài chính – Kế hoạch",
    "Trụ sở Phòng Kinh tế – Hạ tầng",
    "Trụ sở Phòng Nội vụ",
    "Trụ sở Phòng Tư pháp",
    "Trung tâm Văn hóa – Thể thao",
    "Trụ sở Ban Quản lý dự án",
    "Trụ sở Mặt trận Tổ quốc",
    "Nhà khách",
    "Trụ sở Trung tâm Phát triển quỹ đất",
    "Kho lưu trữ",
    "Trụ sở Phòng Văn hóa – Thông tin",
    "Hội trường",
  ],
  commune: [
    "Trụ sở Đảng ủy – HĐND – UBND",
    "Trụ sở Công an (cũ)",
    "Nhà văn hóa",
    "Trạm y tế (cũ)",
    "Hội trường",
  ],
};

/** How many facilities each seat leaves, by level: [least, most]. */
const PER_SEAT: Record<"province" | "district" | "commune", [number, number]> = {
  province: [12, 20],
  district: [14, 22],
  commune: [2, 4],
};

/** Options and their weights among decided facilities. */
const OPTION_WEIGHTS: [DisposalOption, number][] = [
  ["office", 22],
  ["transfer", 8],
  ["keep", 5],
  ["public_service", 8],
  ["official_housing", 2],
  ["education", 10],
  ["health", 8],
  ["culture_sport", 9],
  ["commune_police", 9],
  ["other_public", 5],
  ["housing_body", 3],
  ["land_fund", 7],
  ["sale", 4],
  ["liquidate", 1.5],
  ["demolish", 0.5],
];
/** Provinces that declared they will not sell (Hồ Chí Minh City, Gia Lai). */
const NO_SALE = new Set(["79", "52"]);

export interface Centre {
  lng: number;
  lat: number;
}

/**
 * Generates the register.
 *
 * @example
 * const demo = generateDemo(diagioi, centres);
 * demo.length; // 31509
 */
export function generateDemo(
  diagioi: Diagioi,
  centres: Map<string, Centre>,
  seed = DEMO_SEED,
): DemoFacility[] {
  const next = random(seed);
  const units = new Map<string, Seat>();
  const placed: { seat: Seat; lng: number; lat: number; province: string; commune: string; index: number }[] =
    [];
  for (const seat of emptiedSeats(diagioi.units, diagioi.lineage)) {
    const centre = centres.get(`${seat.level}:${seat.code}`);
    if (!centre || next() < 0.02) continue; // a few seats stay unregistered, as in the reports
    units.set(seat.code, seat);
    const [least, most] = PER_SEAT[seat.level];
    // The provinces with the largest reported backlogs also listed the most facilities.
    const lagging = seat.new_province_codes.some((p) => p in REPORTED_BACKLOG) ? 2 : 1;
    const count = lagging * (least + Math.floor(next() * (most - least + 1)));
    for (let index = 0; index < count; index++) {
      const spread = seat.level === "commune" ? 0.002 : 0.004;
      let lng = centre.lng + (next() - 0.5) * spread;
      let lat = centre.lat + (next() - 0.5) * spread;
      let found = diagioi.locator?.locate(lng, lat);
      if (!found || !seat.new_province_codes.includes(found.province_code)) {
        ({ lng, lat } = centre);
        found = diagioi.locator?.locate(lng, lat);
      }
      if (!found || !seat.new_province_codes.includes(found.province_code)) break;
      placed.push({
        seat,
        lng: round6(lng),
        lat: round6(lat),
        province: found.province_code,
        commune: found.code,
        index,
      });
    }
  }
  const wanted = LISTED_AT_FIRST + LATER_ADDITIONS;
  const inLagging = (p: (typeof placed)[number]) => p.province in REPORTED_BACKLOG;
  const others = shuffled(
    placed.filter((p) => !inLagging(p)),
    next,
  );
  const kept = placed.filter(inLagging).concat(others.slice(0, wanted - placed.filter(inLagging).length));
  const chosen = shuffled(kept, next);
  if (chosen.length < wanted) throw new Error(`only ${chosen.length} places for ${wanted} demo facilities`);
  const slots = planTimeline(
    chosen.map((p) => p.province),
    next,
  );
  return chosen.map((p, i) => facilityAt(diagioi, p, slots[i] as Slot, next));
}

function facilityAt(
  diagioi: Diagioi,
  p: { seat: Seat; lng: number; lat: number; province: string; commune: string; index: number },
  slot: Slot,
  next: () => number,
): DemoFacility {
  const { seat } = p;
  const offices = OFFICES[seat.level];
  const office = offices[p.index % offices.length] as string;
  const unitName =
    seat.level === "province" ? seat.full_name.replace(/^Tỉnh /, "tỉnh ") : lowerDesignation(seat.full_name);
  const landArea = area(seat.level, next);
  const registered =
    slot.wave === "first" ? day("2025-07-01", "2025-07-10", next) : day("2026-02-02", "2026-03-31", next);
  const certificate = next() < 0.03 ? null : next() > 0.12;
  const record: DemoFacility["record"] = {
    external_id: `${p.province}-${seat.level[0]?.toUpperCase()}${seat.code}-${String(p.index + 1).padStart(2, "0")}`,
    name: `${office} ${unitName} (cũ)`,
    address: addressOf(diagioi, seat, next),
    lng: p.lng,
    lat: p.lat,
    origin_unit_code: seat.code,
    origin_unit_level: seat.level,
    origin_unit_date: "2025-06-30",
    level: seat.level,
    owner: next() < 0.04 ? "central" : "local",
    asset_type:
      office.startsWith("Nhà khách") || office.startsWith("Khu nhà")
        ? "housing"
        : office.startsWith("Trạm")
          ? "public_service_building"
          : next() < 0.05
            ? "land_only"
            : "office_building",
    land_area_m2: landArea,
    floor_area_m2: Math.round(landArea * (0.3 + next() * 0.9)),
    year_built: 1975 + Math.floor(next() * 45),
    condition: pick(next, ["good", "fair", "fair", "poor", "poor", "derelict"] as const),
    land_certificate: certificate,
    disputed: next() < 0.02,
    encroached: next() < 0.03,
    over_norm: next() < 0.05,
    misused: next() < 0.01,
    current_use: next() < 0.5 ? "Bỏ trống sau sắp xếp" : "Sử dụng tạm thời",
    managing_unit:
      `UBND ${diagioi.units.byCode(p.commune, { level: "commune", date: "2025-07-01" })?.fullName ?? ""}`.trim(),
    option: null,
    minutes_no: null,
    minutes_date: null,
    decision_no: null,
    decision_date: null,
    deadline: null,
    completed_date: null,
    stage: "inventory",
  };
  return {
    record,
    province: p.province,
    commune: p.commune,
    events: historyOf(p.province, registered, slot, next),
  };
}

/** The events of one facility from registration to the end of the history. */
function historyOf(province: string, registered: string, slot: Slot, next: () => number): DemoEvent[] {
  const editor = `demo:can-bo-${province}`;
  const appraiser = `demo:so-tai-chinh-${province}`;
  const approver = `demo:ubnd-tinh-${province}`;
  const events: DemoEvent[] = [
    { action: "create", at: registered, actor: editor, stage: "inventory", fields: {}, note: null },
  ];
  const option = chooseOption(province, next);
  const n = Math.floor(next() * 900) + 1;
  const steps: [string, string, Stage, Partial<Facility>][] = [
    ["hand_over", editor, "handed_over", { minutes_no: `${n}/BB-BG`, minutes_date: "" }],
    ["draft_plan", editor, "plan_drafted", { option }],
    ["appraise", appraiser, "appraised", {}],
    ["approve", approver, "approved", {}],
  ];
  const decided = slot.decided && slot.decided > addDays(registered, 8) ? slot.decided : null;
  const end = slot.withdrawn ? day("2025-10-01", "2025-12-26", next) : (decided ?? HISTORY_END);
  const reached = decided ? steps.length : Math.floor(next() * (steps.length + 1));
  const span = daysBetween(registered, end);
  steps.slice(0, reached).forEach(([action, actor, stage, fields], i) => {
    const at = addDays(registered, Math.max(1, Math.floor((span * (i + 1)) / (steps.length + 1))));
    const f = { ...fields };
    if ("minutes_date" in f) f.minutes_date = at;
    events.push({ action, at, actor, stage, fields: f, note: null });
  });
  if (slot.withdrawn) {
    events.push({
      action: "withdraw",
      at: end,
      actor: approver,
      stage: "withdrawn",
      fields: {},
      note: "Rà soát lại: không thuộc diện dôi dư",
    });
    return events;
  }
  if (!decided) return events;
  const deadline = addDays(decided, 90 + Math.floor(next() * 270));
  events.push({
    action: "decide",
    at: decided,
    actor: approver,
    stage: "decided",
    fields: { decision_no: `${Math.floor(next() * 4000) + 1}/QĐ-UBND`, decision_date: decided, deadline },
    note: null,
  });
  const executing = addDays(decided, 10 + Math.floor(next() * 50));
  if (executing > HISTORY_END) return events;
  events.push({
    action: "execute",
    at: executing,
    actor: editor,
    stage: "executing",
    fields: {},
    note: null,
  });
  const completed = addDays(executing, 20 + Math.floor(next() * 200));
  if (completed > HISTORY_END) return events;
  events.push({
    action: "complete",
    at: completed,
    actor: editor,
    stage: "done",
    fields: { completed_date: completed },
    note: null,
  });
  return events;
}

function chooseOption(province: string, next: () => number): DisposalOption {
  const weights = OPTION_WEIGHTS.filter(([o]) => !(o === "sale" && NO_SALE.has(province)));
  let r = next() * weights.reduce((a, [, w]) => a + w, 0);
  for (const [option, w] of weights) {
    r -= w;
    if (r < 0) return option;
  }
  return OPTIONS.values[0] as DisposalOption;
}

function area(level: Seat["level"], next: () => number): number {
  const [least, most] =
    level === "commune" ? [300, 4000] : level === "district" ? [800, 12000] : [1500, 20000];
  return Math.round(least + (most - least) * next() ** 2);
}

/** An address as a planner would write it, in the old units. */
function addressOf(diagioi: Diagioi, seat: Seat, next: () => number): string {
  const at = "2025-06-30";
  const house = `Số ${1 + Math.floor(next() * 300)}`;
  if (seat.level === "province") return `${house}, ${seat.full_name}`;
  if (seat.level === "district") {
    const province = diagioi.units.byCode(seat.old_province_code, { level: "province", date: at });
    return `${house}, ${seat.full_name}, ${province?.fullName ?? ""}`;
  }
  const commune = diagioi.units.byCode(seat.code, { level: "commune", date: at });
  const district = commune
    ? diagioi.units.byCode(commune.parentCode, { level: "district", date: at })
    : undefined;
  const province = diagioi.units.byCode(seat.old_province_code, { level: "province", date: at });
  return [seat.full_name, district?.fullName, province?.fullName].filter(Boolean).join(", ");
}

function lowerDesignation(fullName: string): string {
  return fullName.replace(/^(Quận|Huyện|Thị xã|Thành phố|Phường|Xã|Thị trấn)/, (d) => d.toLowerCase());
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
