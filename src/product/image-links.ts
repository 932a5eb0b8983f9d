/**
 * additional_image_link lists are separated by commas, but a comma is legal inside a URL
 * (`.../w_400,h_400/a.jpg`). A comma only separates when the next entry starts with http(s)://,
 * so commas inside URLs are kept; anything else after a comma stays part of the URL before it.
 */
const SEPARATOR = /,\s*(?=https?:\/\/)/i;
const TRAILING_COMMAS = /,+$/;

/** Splits a list of image URLs (not yet validated); empty entries are dropped. */
export function splitImageLinks(text: string): string[] {
  if (!text.includes(',')) {
    const one = text.trim();
    return one === '' ? [] : [one];
  }
  const result: string[] = [];
  for (const part of text.split(SEPARATOR)) {
    const trimmed = part.trim();
    // Most entries end in their URL: the regex pass only for the few with commas after it.
    const link = trimmed.endsWith(',') ? trimmed.replace(TRAILING_COMMAS, '').trim() : trimmed;
    if (link !== '') result.push(link);
  }
  return result;
}
