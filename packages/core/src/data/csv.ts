/**
 * A strict RFC 4180 reader for the dataset's own tables. The files are ours (UTF-8, LF, quotes
 * only where a field needs them), and loading everything must take well under 300 ms: a general
 * CSV library spends most of that on options this input never needs. User files (the CLI) go
 * through csv-parse instead.
 */
export function parseDatasetCsv(text: string, file: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  let line = 1;
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === 34) {
      // quoted field: "" is a quote
      let end = i + 1;
      let value = "";
      for (;;) {
        const quote = text.indexOf('"', end);
        if (quote < 0) throw new Error(`${file} line ${line}: unterminated quoted field`);
        value += text.slice(end, quote);
        if (text.charCodeAt(quote + 1) === 34) {
          value += '"';
          end = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      field = value;
    } else {
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === 44 || c === 10 || c === 13) break;
        end++;
      }
      field = text.slice(i, end);
      i = end;
    }
    row.push(field);
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      if (i === n) row.push("");
    } else if (c === 10 || c === 13 || i >= n) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      i++;
      rows.push(row);
      row = [];
      line++;
    } else {
      throw new Error(`${file} line ${line}: unexpected character after a quoted field`);
    }
  }
  if (row.length > 0) rows.push(row);
  return rows;
}
