/** The help texts: `diagioi --help` and `diagioi COMMAND --help`. */

export const EXIT_STATUSES = `Exit status:
  0  success (rows that cannot be read are reported on standard error and skipped; a closed
     output pipe, as with | head, also ends with 0)
  1  unexpected error (a bug: please report it with the message)
  2  the arguments or the input cannot be used (unknown option, missing file, binary input,
     no address column, …): nothing is written
  3  lookup or trace found no unit
  130, 143  interrupted (Ctrl-C, SIGTERM); a partly written --output file is removed`;

export const USAGE = `Usage: diagioi <command> [options]

Commands:
  convert [FILE]        Convert addresses to today's units (text lines, CSV or JSON lines).
  lookup CODE|NAME      Units by code (every version) or by name (any spelling).
  trace CODE            What a code's units were formed from and what they became, with the law.
  locate [LNG,LAT ...]  The commune containing each point (or points from files or stdin).

Options:
  -h, --help            This help; diagioi COMMAND --help describes a command's options.
  -v, --version         The version of diagioi and the data edition.

${EXIT_STATUSES}
`;

export const COMMAND_USAGE: Record<string, string> = {
  convert: `Usage: diagioi convert [FILE] [options]

Reads addresses written in the old (or new) units and writes them in the units in force today.
FILE, or standard input when there is none, holds one of:
  - text, one address per line (with --coords, "address|lng,lat"); a first line that is only an
    address column's name (address, Địa chỉ, …) is a header;
  - CSV (a .csv or .tsv file, or a first line of column names, one an address's): the address column is
    found by its name (address, địa chỉ, dia_chi, …) or given with --column; the delimiter
    (comma, semicolon or tab) is detected or given with --delimiter;
  - JSON lines (a .jsonl file or --input jsonl): objects with an "address" field, or strings.
In UTF-8, or in UTF-16 with its byte-order mark (Excel's "Unicode text").

Options:
  --column NAME              The CSV column (or JSON field) holding the address.
  --delimiter CHAR           The CSV delimiter: , ; tab (or \\t) or any one character.
  --input lines|csv|jsonl    How to read the input, when neither the name nor the content tells.
  --format jsonl|csv|table   Output format (default: csv for an --output named .csv, else jsonl;
                             table aligns the columns, for a few rows).
  -o, --output FILE          Write to FILE instead of standard output (- is standard output). FILE
                             appears only when complete: an error or Ctrl-C removes the partial one;
                             an existing FILE keeps its permissions, and FILE may not be the input.
  --coords                   Settle split communes by a point: "address|lng,lat" lines (read as
                             locate reads points), or the longitude and latitude columns, found by
                             name (lng, longitude, Kinh độ…; lat, latitude, Vĩ độ…) or given below.
  --lng-column NAME          With --coords: the CSV column or JSON field of the longitude.
  --lat-column NAME          With --coords: the CSV column or JSON field of the latitude.
  --era old|new|auto         The units the addresses are written in (default auto: both readings;
                             a commune and province of today without a district are today's; other
                             texts that fit both with different outcomes are ambiguous).
  --date YYYY-MM-DD          Convert to the units in force on that date (default today).
  --as-of YYYY-MM-DD         The day the addresses were written, when known: units in force that
                             day are preferred to others of the same name. Without it, units of
                             every date since 2004 are read, later ones first.
  -j, --jobs N               Convert on N worker threads (at most one per core); the output keeps
                             the input's order. Each
                             worker loads the dataset, which pays from about 150,000 rows: by default
                             a file of 16 MB or more uses one per core (up to 4), anything else 1.
  -h, --help                 This help.

Output (jsonl, one object per input row, in order): {"input", "status": "ok"|"ambiguous"|"not_found",
"new": {"code", "full_name", "province_code", "province_full_name"} | null, "candidates": [...],
"address", "confidence"}. CSV output keeps every input column and adds status, new_code,
new_full_name, new_province_code, new_province_full_name, new_address, confidence, candidates
(codes, ";" between) and candidate_names ("Phường …, Thành phố …", "; " between).
A summary goes to standard error.

${EXIT_STATUSES}
`,
  lookup: `Usage: diagioi lookup CODE|NAME [options]

A code (2, 3 or 5 digits) gives every version of that unit; a code that lost its leading zeros in
a spreadsheet ("97" naming no unit) is read with them put back (097, 00097; to the width of --level
when given), and one that other unit lists give a unit the statistics office codes otherwise
("06978", Xã Ba Chẽ's) as that office's code, with a line on standard error. A name (any case, with
or without diacritics, with or without the designation) gives the units of that name.

Options:
  --date YYYY-MM-DD          Only the versions in force on that date (default: every version).
  --level province|district|commune
                             Only units of that level.
  --format table|csv|jsonl   Output format (default table).
  -h, --help                 This help.

${EXIT_STATUSES}
`,
  trace: `Usage: diagioi trace CODE [options]

Every version of a code since 2004, what each was formed from and what it became, with the
resolution and the clause; for a version that ended, rows "today" name the units it leads to now,
with the acts of every step. Before 2025, a link marked "uncertain" is one of several alternatives:
the statistics office's lists say only that the unit went into one unit of its district.
A code is read as lookup reads it: leading zeros put back, another unit list's code followed.

Options:
  --level province|district|commune
                             The level of the code, when its length does not tell.
  --format table|csv|jsonl   Output format (default table).
  -h, --help                 This help.

${EXIT_STATUSES}
`,
  locate: `Usage: diagioi locate [LNG,LAT | FILE | - ...] [options]

The new commune containing each point: points given as arguments, or read from files (or "-",
standard input; standard input when no argument is given). A file holds a point per line,
"lng,lat" (or the two separated by ";", a tab or spaces; then a decimal comma is read too), or is a
CSV whose header names the columns (lng, lon, longitude or x; lat, latitude or y). Longitude comes
first; a number out of range, or not a plain decimal number, is an unreadable point.

One record per point, in the input's order: a point outside Vietnam gives null, an unreadable one
null with its error (also listed on standard error). A summary goes to standard error.

Options:
  --format jsonl|csv|table   Output format (default: csv for an --output named .csv, else jsonl):
                             lng, lat, code, full_name, province_code, error. As csv or
                             table, one CSV keeps its own columns before code, full_name,
                             province_code and error.
  -o, --output FILE          Write to FILE (it appears only when complete).
  -h, --help                 This help.

${EXIT_STATUSES}
`,
};
