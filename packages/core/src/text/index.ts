export { utf16ByteOrder } from "./byte-order.ts";
export { decodeLegacyFont, LATIN1_NOT_VIETNAMESE } from "./legacy-fonts.ts";
export { repairMojibake } from "./mojibake.ts";
export { foldToneMarks, looseKey, nameKey, removeDiacritics } from "./normalize.ts";
export { splitRunTogether } from "./run-together.ts";
export { decodeTyping } from "./typing.ts";
export { decodeViqr } from "./viqr.ts";
