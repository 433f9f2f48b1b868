/**
 * Search keys hold the words of the texts, each after a space, so that a search word matches the start
 * of a word ("hang" finds "Hàng Bạc", no longer "Thường Thắng"): both keys of the rows already stored are
 * made again, by the same pass as 005's.
 */
export { down, up } from "./005_search_i_y.ts";
