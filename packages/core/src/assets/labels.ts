/**
 * Labels of the facility's fields, Vietnamese and English: the register's forms and tables show them,
 * and its Vietnamese messages name fields by them.
 */
export const FIELD_LABELS: Readonly<Record<string, { vi: string; en: string }>> = {
  id: { vi: "Số hiệu", en: "Id" },
  province_code: { vi: "Tỉnh", en: "Province" },
  external_id: { vi: "Mã cơ sở của tỉnh", en: "Province's identifier" },
  name: { vi: "Tên cơ sở", en: "Name" },
  address: { vi: "Địa chỉ (như ghi)", en: "Address (as written)" },
  address_new: { vi: "Địa chỉ theo đơn vị mới", en: "Address in today's units" },
  commune_code: { vi: "Xã/phường (theo tọa độ)", en: "Commune (by the point)" },
  address_commune_code: { vi: "Xã/phường (theo địa chỉ)", en: "Commune (by the address)" },
  lng: { vi: "Kinh độ", en: "Longitude" },
  lat: { vi: "Vĩ độ", en: "Latitude" },
  origin_unit_code: { vi: "Mã đơn vị cũ quản lý", en: "Old owning unit's code" },
  origin_unit_level: { vi: "Cấp đơn vị cũ", en: "Old unit's level" },
  origin_unit_date: { vi: "Ngày đọc mã đơn vị cũ", en: "Day the old code is read on" },
  level: { vi: "Cấp sử dụng", en: "Level" },
  owner: { vi: "Quản lý", en: "Owner" },
  asset_type: { vi: "Loại tài sản", en: "Asset type" },
  land_area_m2: { vi: "Diện tích đất (m²)", en: "Land area (m²)" },
  floor_area_m2: { vi: "Diện tích sàn (m²)", en: "Floor area (m²)" },
  year_built: { vi: "Năm xây dựng", en: "Year built" },
  condition: { vi: "Hiện trạng", en: "Condition" },
  land_certificate: { vi: "Có giấy chứng nhận QSDĐ", en: "Land certificate" },
  disputed: { vi: "Tranh chấp", en: "Disputed" },
  encroached: { vi: "Bị lấn chiếm", en: "Encroached" },
  over_norm: { vi: "Vượt định mức", en: "Over the area norm" },
  misused: { vi: "Sử dụng sai mục đích", en: "Misused" },
  current_use: { vi: "Đang sử dụng vào", en: "Current use" },
  managing_unit: { vi: "Đơn vị đang quản lý", en: "Managing unit" },
  option: { vi: "Hình thức xử lý", en: "Disposal option" },
  minutes_no: { vi: "Số biên bản bàn giao", en: "Handover minutes no." },
  minutes_date: { vi: "Ngày biên bản", en: "Minutes date" },
  decision_no: { vi: "Số quyết định", en: "Decision no." },
  decision_date: { vi: "Ngày quyết định", en: "Decision date" },
  deadline: { vi: "Hạn xử lý", en: "Deadline" },
  completed_date: { vi: "Ngày hoàn thành", en: "Completed on" },
  stage: { vi: "Bước", en: "Stage" },
  version: { vi: "Phiên bản", en: "Version" },
  created_at: { vi: "Tạo lúc", en: "Created" },
  updated_at: { vi: "Cập nhật lúc", en: "Updated" },
  flags: { vi: "Vấn đề", en: "Flags" },
  note: { vi: "Ghi chú", en: "Note" },
};

/** A field's label ("Số quyết định"), or its name when it has none. */
export function fieldLabel(field: string, lang: "vi" | "en" = "vi"): string {
  return FIELD_LABELS[field]?.[lang] ?? field;
}
