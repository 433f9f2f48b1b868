/**
 * Converts a typed address in the browser, loading the dataset one province at a time: the
 * provinces slice on opening, then the slices of the provinces each address names.
 */
import { type AddressResult, ProvinceLoader } from "@diagioi/core";

type Lang = "vi" | "en";

/** The page's words in Vietnamese (the default) and in English (`?lang=en`). */
const WORDS = {
  title: { vi: "diagioi — đổi địa chỉ sang đơn vị mới", en: "diagioi — convert an address" },
  subtitle: { vi: "— địa chỉ cũ sang đơn vị hành chính mới", en: "— an old address in today's units" },
  address: { vi: "Địa chỉ", en: "Address" },
  convert: { vi: "Đổi", en: "Convert" },
  map: { vi: "Bản đồ", en: "Map" },
  otherLanguage: { vi: "English", en: "Tiếng Việt" },
  ok: { vi: "Đơn vị mới", en: "Unit of today" },
  ambiguous: {
    vi: "Chưa xác định — có thể là một trong các đơn vị sau",
    en: "Ambiguous — one of these units",
  },
  not_found: { vi: "Không tìm thấy", en: "Not found" },
  empty: { vi: "Hãy nhập một địa chỉ", en: "Type an address" },
  error: { vi: "Lỗi", en: "Error" },
  loaded: { vi: "Đã tải: {n} / {all} tỉnh, thành phố", en: "Loaded: {n} of {all} provinces" },
} satisfies Record<string, Record<Lang, string>>;

const lang: Lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "vi";
const say = (key: keyof typeof WORDS) => WORDS[key][lang];

const form = document.getElementById("form") as HTMLFormElement;
const input = document.getElementById("address") as HTMLInputElement;
const output = document.getElementById("result") as HTMLOutputElement;
const loadedLine = document.getElementById("loaded") as HTMLParagraphElement;

writePage();

const loader = await ProvinceLoader.open(async (file) => {
  const response = await fetch(`data/slices/${file}`);
  if (!response.ok) throw new Error(`data/slices/${file}: ${response.status} ${response.statusText}`);
  return response.text();
});
showLoaded();

form.addEventListener("submit", (event) => {
  event.preventDefault();
  void convert();
});

// The map's search links here with the address it read: `convert.html?address=…`.
const linked = new URLSearchParams(location.search).get("address");
if (linked) {
  input.value = linked;
  await convert();
}
document.body.dataset.ready = "1";

async function convert(): Promise<void> {
  // The address goes into the page's link, so that a result can be shared or reloaded.
  const url = new URL(location.href);
  if (input.value.trim()) url.searchParams.set("address", input.value.trim());
  else url.searchParams.delete("address");
  history.replaceState(null, "", url);
  if (!input.value.trim()) {
    output.replaceChildren(line(say("empty"), "status"));
    output.dataset.status = "empty";
    return;
  }
  output.textContent = "…";
  try {
    show(await loader.convert(input.value));
  } catch (error) {
    output.textContent = `${say("error")}: ${(error as Error).message}`;
  }
  showLoaded();
}

function show(result: AddressResult): void {
  output.replaceChildren(
    line(say(result.status), "status"),
    ...(result.address ? [line(result.address, "address")] : []),
    ...result.candidates.map((c) => line(`${c.code} ${c.full_name}, ${c.province_full_name}`, "candidate")),
  );
  output.dataset.status = result.status;
}

function line(text: string, role: string): HTMLElement {
  const element = document.createElement("div");
  element.className = role;
  element.dataset.role = role;
  element.textContent = text;
  return element;
}

function showLoaded(): void {
  const codes = loader.loadedProvinces;
  const count = say("loaded")
    .replace("{n}", String(codes.length))
    .replace("{all}", String(loader.provinceCodes.length));
  loadedLine.textContent = `${count}${codes.length ? ` — ${codes.join(", ")}` : ""}`;
}

/** The page's fixed words in its language, and links to the map and to the other language that keep it. */
function writePage(): void {
  document.documentElement.lang = lang;
  document.title = say("title");
  const text = (id: string, value: string) => {
    const element = document.getElementById(id);
    if (element) element.textContent = value;
  };
  text("subtitle", say("subtitle"));
  text("address-label", say("address"));
  text("convert-button", say("convert"));
  text("map-link", say("map"));
  text("language", say("otherLanguage"));
  const map = document.getElementById("map-link") as HTMLAnchorElement | null;
  if (map) map.href = lang === "en" ? "./index.html?lang=en" : "./index.html";
  const other = document.getElementById("language") as HTMLAnchorElement | null;
  if (other) {
    const url = new URL(location.href);
    if (lang === "en") url.searchParams.delete("lang");
    else url.searchParams.set("lang", "en");
    other.href = url.search ? `?${url.searchParams}` : "./convert.html";
  }
}
