/** Strings of the dashboard, Vietnamese and English. */
export const D = {
  title: { vi: "Tiến độ xử lý cơ sở nhà, đất dôi dư", en: "Progress on surplus public houses and land" },
  asOf: { vi: "Tính đến hết ngày", en: "As of the end of" },
  print: { vi: "In báo cáo", en: "Print the report" },
  total: { vi: "Tổng số cơ sở", en: "Facilities" },
  handled: { vi: "Đã xử lý", en: "Handled" },
  pending: { vi: "Chưa xử lý", en: "Pending" },
  overdue: { vi: "Quá hạn", en: "Overdue" },
  share: { vi: "Tỷ lệ đã xử lý", en: "Share handled" },
  byCategory: { vi: "Theo nhóm báo cáo Bộ Tài chính", en: "By Ministry of Finance category" },
  progress: { vi: "Tiến độ theo tuần", en: "Progress, week by week" },
  backlogMap: { vi: "Số cơ sở chưa xử lý theo tỉnh", en: "Backlog by province" },
  ranking: { vi: "Các tỉnh theo số chưa xử lý và quá hạn", en: "Provinces by backlog and overdue" },
  coverage: {
    vi: "Trụ sở đơn vị cũ chưa có cơ sở nào được đăng ký",
    en: "Seats the merger emptied with no facility registered",
  },
  seatsWithout: {
    vi: "trụ sở dôi dư chưa có cơ sở nào đăng ký",
    en: "emptied seats have no facility registered",
  },
  code: { vi: "Mã", en: "Code" },
  seat: { vi: "Đơn vị cũ", en: "Old unit" },
  level: { vi: "Cấp", en: "Level" },
  newProvinces: { vi: "Nay thuộc tỉnh", en: "Now in province" },
  all: { vi: "Xem tất cả", en: "Show all" },
  fewer: { vi: "Thu gọn", en: "Show fewer" },
  level_province: { vi: "tỉnh", en: "province" },
  level_district: { vi: "huyện", en: "district" },
  level_commune: { vi: "xã", en: "commune" },
} as const;

export type DashKey = keyof typeof D;
