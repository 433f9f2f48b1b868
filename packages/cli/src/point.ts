/**
 * Coordinates read from text, strictly: a decimal number each ("105.8524", "-8.5", and "21,0285"
 * when commas are not what separates the two), longitude first, in range. `Number()` alone reads
 * "0x69" as 105 and "" as 0: a point read that way lands somewhere, silently wrong.
 */

export type PointReading = { point: [number, number] } | { error: string };

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const COMMA_DECIMAL = /^[+-]?\d+,\d+$/;

/** A coordinate, or undefined when the text is not a decimal number. */
function coordinateOf(text: string): number | undefined {
  const trimmed = text.trim();
  if (DECIMAL.test(trimmed)) return Number(trimmed);
  if (COMMA_DECIMAL.test(trimmed)) return Number(trimmed.replace(",", "."));
  return undefined;
}

/** Two texts as a point (longitude, latitude), or why they are not one. */
export function readPoint(lngText: string, latText: string): PointReading {
  const lng = coordinateOf(lngText);
  const lat = coordinateOf(latText);
  if (lng === undefined)
    return { error: `longitude "${lngText.trim().slice(0, 40)}" is not a decimal number` };
  if (lat === undefined)
    return { error: `latitude "${latText.trim().slice(0, 40)}" is not a decimal number` };
  if (Math.abs(lat) > 90) {
    const swapped = Math.abs(lng) <= 90 && Math.abs(lat) <= 180;
    return {
      error: `latitude ${lat} is out of range (-90 to 90)${swapped ? ": the order is longitude, latitude (this looks like latitude first)" : ""}`,
    };
  }
  if (Math.abs(lng) > 180) return { error: `longitude ${lng} is out of range (-180 to 180)` };
  return { point: [lng, lat] };
}

/**
 * A line holding a point: "lng,lat", or the two separated by ";", a tab or spaces (then either may
 * use a decimal comma). "105,8524,21,0285" cannot be split and says so.
 */
export function readPointLine(line: string): PointReading {
  const text = line.trim();
  let separator: string | RegExp = text.includes(";") ? ";" : text.includes("\t") ? "\t" : ",";
  let parts = text.split(separator).map((part) => part.trim());
  // "105,8524 21,0287": decimal commas, the numbers apart by spaces.
  if (separator === "," && parts.length !== 2 && text.split(/\s+/).length === 2) {
    separator = /\s+/;
    parts = text.split(separator);
  }
  if (parts.length === 2 && parts[0] && parts[1]) return readPoint(parts[0], parts[1]);
  if (separator === "," && parts.length === 4)
    return { error: `"${text.slice(0, 80)}": decimal commas? Separate longitude and latitude with ";"` };
  return { error: `expected "lng,lat", got "${text.slice(0, 80)}"` };
}

/** Column names of a longitude and of a latitude, as {@link columnKey} folds them. */
export const LNG_COLUMNS = ["lng", "lon", "long", "longitude", "x", "kinhdo"];
export const LAT_COLUMNS = ["lat", "latitude", "y", "vido"];
