/** Values that break naive writers: markup, quotes, delimiters, controls, lone surrogates, emoji, RTL. */
export const HOSTILE: readonly string[] = [
  'plain',
  'Tom & Jerry\'s "<b>best</b>"',
  'ends with ]]> and <![CDATA[ inside',
  'comma, "quote" and\nnewline',
  'tab\there\r\nCRLF and lone\rCR',
  'controls \u0000\u0001\u0008\u000b\u000c\u001f end',
  'lone high \ud800 and lone low \udfff',
  'emoji 😀 👩‍👩‍👧‍👦 🇫🇷',
  'RTL שלום עולם مرحبا \u200f mark',
  'non-characters \ufffe\uffff',
  '=SUM(A1:A2)',
  '+1',
  '-5%',
  '@handle',
  ' edge spaces ',
  '',
];
