/**
 * The register's closed sets, each defined once with its Vietnamese label and English meaning.
 * Server, importer and map import these; nothing else spells a stage, option or role.
 */

/** A value of a closed set with its labels. */
export interface Labelled<T extends string> {
  value: T;
  vi: string;
  en: string;
}

function closedSet<const T extends string>(entries: readonly Labelled<T>[]) {
  const values = entries.map((e) => e.value) as readonly T[];
  const byValue = new Map<string, Labelled<T>>(entries.map((e) => [e.value, e]));
  return {
    values,
    entries,
    has: (value: unknown): value is T => typeof value === "string" && byValue.has(value),
    label: (value: T, lang: "vi" | "en" = "vi") => byValue.get(value)?.[lang] ?? value,
  };
}

/** Stages of one facility, in order; `withdrawn` leaves the list (found not surplus, or a duplicate). */
export const STAGES = closedSet([
  { value: "inventory", vi: "Kiểm kê", en: "Inventory" },
  { value: "handed_over", vi: "Đã bàn giao – tiếp nhận", en: "Handed over" },
  { value: "plan_drafted", vi: "Đã lập phương án", en: "Plan drafted" },
  { value: "appraised", vi: "Sở Tài chính đã thẩm định", en: "Appraised (Department of Finance)" },
  { value: "approved", vi: "Chủ tịch UBND tỉnh đã phê duyệt", en: "Approved (People's Committee)" },
  { value: "decided", vi: "Đã có quyết định xử lý", en: "Decision issued" },
  { value: "executing", vi: "Đang thực hiện", en: "Being carried out" },
  { value: "done", vi: "Đã đưa vào sử dụng / hoàn thành", en: "Done (in use or disposed of)" },
  { value: "withdrawn", vi: "Đưa ra khỏi danh sách dôi dư", en: "Withdrawn from the surplus list" },
]);
export type Stage = (typeof STAGES.values)[number];

/** Stages that close a facility's file: no deadline runs there, and nothing is overdue. */
export const CLOSED_STAGES: ReadonlySet<Stage> = new Set<Stage>(["done", "withdrawn"]);

/** "Handled" in national reports means a decision exists. */
export const HANDLED_STAGES: ReadonlySet<Stage> = new Set<Stage>(["decided", "executing", "done"]);

/** Ministry of Finance reporting categories; `pending` is every facility not yet handled. */
export const CATEGORIES = closedSet([
  { value: "office", vi: "Trụ sở làm việc", en: "Offices" },
  { value: "public_service", vi: "Cơ sở hoạt động sự nghiệp", en: "Public-service facilities" },
  { value: "official_housing", vi: "Nhà ở công vụ", en: "Official housing" },
  { value: "education", vi: "Giáo dục – đào tạo", en: "Education" },
  { value: "health", vi: "Y tế", en: "Health" },
  { value: "culture_sport", vi: "Văn hóa, thể thao", en: "Culture and sport" },
  { value: "other_public", vi: "Mục đích công cộng khác", en: "Other public use" },
  {
    value: "land_fund_housing",
    vi: "Giao tổ chức phát triển quỹ đất / kinh doanh nhà",
    en: "Land-fund or housing body",
  },
  { value: "other", vi: "Hình thức khác", en: "Other" },
  { value: "pending", vi: "Chưa xử lý", en: "Not yet handled" },
]);
export type Category = (typeof CATEGORIES.values)[number];

/** Ways to handle a facility (domain.md §2), each counted in one Ministry of Finance category. */
export const OPTIONS = closedSet([
  { value: "office", vi: "Bố trí làm trụ sở", en: "Reassign as an office" },
  { value: "public_service", vi: "Cơ sở hoạt động sự nghiệp", en: "Public-service facility" },
  { value: "official_housing", vi: "Nhà ở công vụ", en: "Official housing" },
  { value: "education", vi: "Chuyển đổi công năng: giáo dục – đào tạo", en: "Change of use: education" },
  { value: "health", vi: "Chuyển đổi công năng: y tế", en: "Change of use: health" },
  {
    value: "culture_sport",
    vi: "Chuyển đổi công năng: văn hóa, thể thao",
    en: "Change of use: culture and sport",
  },
  { value: "commune_police", vi: "Chuyển đổi công năng: công an xã", en: "Change of use: commune police" },
  { value: "other_public", vi: "Mục đích công cộng khác", en: "Other public use" },
  { value: "housing_body", vi: "Giao tổ chức quản lý, kinh doanh nhà", en: "Hand to the housing body" },
  {
    value: "land_fund",
    vi: "Thu hồi, giao Trung tâm Phát triển quỹ đất",
    en: "Recover for the land-fund centre",
  },
  { value: "sale", vi: "Bán tài sản, chuyển nhượng quyền sử dụng đất", en: "Sale (auction)" },
  { value: "transfer", vi: "Điều chuyển", en: "Transfer to another body" },
  { value: "keep", vi: "Giữ lại tiếp tục sử dụng", en: "Keep using" },
  { value: "liquidate", vi: "Thanh lý", en: "Liquidate" },
  { value: "demolish", vi: "Tiêu hủy", en: "Demolish" },
]);
export type DisposalOption = (typeof OPTIONS.values)[number];

/** The Ministry of Finance category each option is reported under. */
export const OPTION_CATEGORY: Readonly<Record<DisposalOption, Exclude<Category, "pending">>> = {
  office: "office",
  public_service: "public_service",
  official_housing: "official_housing",
  education: "education",
  health: "health",
  culture_sport: "culture_sport",
  commune_police: "other_public",
  other_public: "other_public",
  housing_body: "land_fund_housing",
  land_fund: "land_fund_housing",
  sale: "other",
  transfer: "office",
  keep: "office",
  liquidate: "other",
  demolish: "other",
};

/** Who may do what; each role but `admin` is scoped to one province or to the whole country. */
export const ROLES = closedSet([
  { value: "viewer", vi: "Xem", en: "Viewer (read)" },
  { value: "editor", vi: "Cán bộ cập nhật", en: "Editor" },
  { value: "appraiser", vi: "Sở Tài chính (thẩm định)", en: "Appraiser (Department of Finance)" },
  { value: "approver", vi: "UBND tỉnh (phê duyệt)", en: "Approver (People's Committee)" },
  { value: "admin", vi: "Quản trị", en: "Administrator" },
]);
export type Role = (typeof ROLES.values)[number];

/** Level of the body that used the facility. */
export const FACILITY_LEVELS = closedSet([
  { value: "province", vi: "Cấp tỉnh", en: "Province level" },
  { value: "district", vi: "Cấp huyện (cũ)", en: "District level (abolished)" },
  { value: "commune", vi: "Cấp xã", en: "Commune level" },
]);
export type FacilityLevel = (typeof FACILITY_LEVELS.values)[number];

export const OWNERS = closedSet([
  { value: "local", vi: "Địa phương quản lý", en: "Local" },
  { value: "central", vi: "Trung ương quản lý", en: "Central (ministry)" },
]);
export type Owner = (typeof OWNERS.values)[number];

export const ASSET_TYPES = closedSet([
  { value: "office_building", vi: "Trụ sở làm việc", en: "Office building" },
  { value: "public_service_building", vi: "Cơ sở hoạt động sự nghiệp", en: "Public-service building" },
  { value: "housing", vi: "Nhà ở", en: "Housing" },
  { value: "land_only", vi: "Đất trống", en: "Land only" },
  { value: "other", vi: "Khác", en: "Other" },
]);
export type AssetType = (typeof ASSET_TYPES.values)[number];

export const CONDITIONS = closedSet([
  { value: "good", vi: "Tốt", en: "Good" },
  { value: "fair", vi: "Trung bình", en: "Fair" },
  { value: "poor", vi: "Xuống cấp", en: "Poor" },
  { value: "derelict", vi: "Hư hỏng nặng", en: "Derelict" },
]);
export type Condition = (typeof CONDITIONS.values)[number];

/** Problems a facility can have; `location_mismatch` is computed (point and address disagree). */
export const FLAGS = closedSet([
  { value: "disputed", vi: "Tranh chấp", en: "Disputed" },
  { value: "encroached", vi: "Bị lấn chiếm", en: "Encroached" },
  { value: "no_certificate", vi: "Chưa có giấy chứng nhận", en: "No land certificate" },
  { value: "over_norm", vi: "Vượt định mức", en: "Over the area norm" },
  { value: "misused", vi: "Sử dụng sai mục đích", en: "Misused" },
  { value: "location_mismatch", vi: "Vị trí và địa chỉ không khớp", en: "Point and address disagree" },
]);
export type Flag = (typeof FLAGS.values)[number];
