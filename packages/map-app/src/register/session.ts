/** Logging in and out from the map's header: the login form (`data-testid="login"`), or who is signed in. */
import { ROLES } from "@diagioi/core";
import type { Lang } from "../i18n.ts";
import { element } from "../panel.ts";
import { ApiError, api, type User } from "./api.ts";
import { r } from "./strings.ts";

/**
 * The header's session controls; `changed` gets the user after a login, null after a logout. With
 * `expired`, the login form opens with a line saying the session ended.
 */
export function sessionControls(
  lang: Lang,
  user: User | null,
  changed: (user: User | null) => void,
  expired = false,
  provinceName: (code: string) => string = (code) => code,
): HTMLElement[] {
  if (user) {
    const scope = user.province_code ? provinceName(user.province_code) : r("country", lang);
    const who = `${user.username} · ${ROLES.label(user.role, lang)} · ${scope}`;
    const logout = element("button", { type: "button", "data-testid": "logout" }, r("logout", lang));
    logout.addEventListener("click", async () => {
      await api.logout().catch(() => undefined);
      changed(null);
    });
    return [element("span", { class: "who", "data-testid": "who" }, who), logout];
  }
  const form = element("form", { class: "login", "data-testid": "login" });
  const name = element("input", {
    name: "username",
    autocomplete: "username",
    placeholder: r("username", lang),
    "aria-label": r("username", lang),
    required: "",
  }) as HTMLInputElement;
  const password = element("input", {
    name: "password",
    type: "password",
    autocomplete: "current-password",
    placeholder: r("password", lang),
    "aria-label": r("password", lang),
    required: "",
  }) as HTMLInputElement;
  const error = element("span", { class: "error", role: "alert" }, expired ? r("sessionExpired", lang) : "");
  form.append(name, password, element("button", { type: "submit" }, r("login", lang)), error);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      changed(await api.login(name.value, password.value));
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.text(lang) : String(e);
    }
  });
  const box = element("details", { class: "login-box" }, element("summary", {}, r("login", lang)), form);
  if (expired) box.setAttribute("open", "");
  return [box];
}
