export { foldToneMarks, looseKey, nameKey, removeDiacritics } from "./normalize.ts";
