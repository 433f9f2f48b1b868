/** Strings of the dashboard, Vietnamese and English. */
export const D = {
  title: { vi: "Tiến độ xử lý cơ sở nhà, đất dôi dư", en: "Progress on surplus public houses and land" },
  asOf: { vi: "Tính đến hết ngày", en: "As of the end of" },
  print: { vi: "In báo cáo", en: "Print the report" },
  total: { vi: "Tổng số cơ sở", en: "Facilities" },
  handled: { vi: "Đã xử lý", en: "Handled" },
  pending: { vi: "Chưa xử lý", en: "Pending" },
  overdue: { vi: "Quá hạn", en: "Overdue" },
  totalHint: {
    vi: "trong danh sách dôi dư; không tính cơ sở đã đưa ra khỏi danh sách (bản đồ có hiện)",
    en: "on the surplus list; without those taken off it (the map shows them)",
  },
  pendingHint: { vi: "chưa có quyết định xử lý", en: "no decision yet" },
  overdueHint: {
    vi: "quá thời hạn mà chưa hoàn thành, kể cả cơ sở đã có quyết định",
    en: "past the deadline and not done, decided ones included",
  },
  wholeCountry: { vi: "Cả nước", en: "Whole country" },
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
  noSuchDay: { vi: "Không có ngày {asked}.", en: "There is no day {asked}." },
  futureDay: { vi: "Ngày {asked} chưa đến.", en: "The day {asked} has not come yet." },
  beforeMerger: {
    vi: "Số liệu bắt đầu từ ngày sáp nhập, không có cho ngày {asked}.",
    en: "The figures start on the merger's day, not on {asked}.",
  },
  showingDay: { vi: "Đang hiển thị số liệu ngày {day}.", en: "Showing the figures of {day}." },
  formerProvince: {
    vi: "Mã {code} là của {old} cũ, nay thuộc {now}: đang hiển thị {now}.",
    en: "Code {code} was {old}, now part of {now}: showing {now}.",
  },
  noSuchProvince: {
    vi: "Không có tỉnh, thành phố mã {code}: đang hiển thị toàn quốc.",
    en: "There is no province with code {code}: showing the whole country.",
  },
} as const;

export type DashKey = keyof typeof D;
