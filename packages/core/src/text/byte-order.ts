/** The UTF-16 encoding a byte-order mark at the start of the bytes names (Excel's "Unicode text"). */
export function utf16ByteOrder(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}
