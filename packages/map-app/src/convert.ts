/**
 * Converts a typed address in the browser, loading the dataset one province at a time: the
 * provinces slice on opening, then the slices of the provinces each address names.
 */
import { type AddressResult, ProvinceLoader } from "@diagioi/core";

const STATUS: Record<AddressResult["status"], string> = {
  ok: "Đơn vị mới (new unit)",
  ambiguous: "Chưa xác định — có thể là một trong các đơn vị sau (ambiguous: one of these)",
  not_found: "Không tìm thấy (not found)",
};

const form = document.getElementById("form") as HTMLFormElement;
const input = document.getElementById("address") as HTMLInputElement;
const output = document.getElementById("result") as HTMLOutputElement;
const loadedLine = document.getElementById("loaded") as HTMLParagraphElement;

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
    output.replaceChildren(line("Hãy nhập một địa chỉ (type an address)", "status"));
    output.dataset.status = "empty";
    return;
  }
  output.textContent = "…";
  try {
    show(await loader.convert(input.value));
  } catch (error) {
    output.textContent = `Lỗi (error): ${(error as Error).message}`;
  }
  showLoaded();
}

function show(result: AddressResult): void {
  output.replaceChildren(
    line(STATUS[result.status], "status"),
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
  loadedLine.textContent = `Đã tải (loaded): ${codes.length} / ${loader.provinceCodes.length} tỉnh, thành phố${codes.length ? ` — ${codes.join(", ")}` : ""}`;
}
