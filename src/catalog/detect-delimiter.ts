/** Candidate delimiters, in order of preference when counts tie. */
const CANDIDATES = [',', ';', '\t', '|'] as const;

/** The delimiter used most often outside quotes in the header line; `,` when none appears. */
export function detectDelimiter(headerLine: string): string {
  const counts = [0, 0, 0, 0];
  let quoted = false;
  for (let i = 0; i < headerLine.length; i++) {
    const c = headerLine[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted) {
      const k = CANDIDATES.indexOf(c as (typeof CANDIDATES)[number]);
      if (k >= 0) counts[k]!++;
    }
  }
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k]! > counts[best]!) best = k;
  return CANDIDATES[best]!;
}

/** The first line of a text (without its line break), ignoring line breaks inside quotes. */
export function firstLine(text: string): string | undefined {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) return text.slice(0, i);
  }
  return undefined;
}
