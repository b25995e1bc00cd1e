/** The start of `text`, at most `length` characters, with an ellipsis where it was cut. */
export function shorten(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

/** A count with its noun, in the singular only for one: "1 result", "3 results". */
export function quantity(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
