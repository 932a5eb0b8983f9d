// Deterministic synthetic catalogs for the benchmark: the Google product data vocabulary in about
// 25 columns, hostile text in the descriptions, 4 variants per item group and about 5 % faulty rows.
// The same seed and row count always give the same bytes.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** The columns, in file order; the peer (python_google_feed.py) reads every one but quantity. */
export const COLUMNS = [
  'id',
  'title',
  'description',
  'link',
  'image_link',
  'additional_image_link',
  'availability',
  'price',
  'currency',
  'sale_price',
  'condition',
  'brand',
  'gtin',
  'mpn',
  'google_product_category',
  'product_type',
  'item_group_id',
  'color',
  'size',
  'gender',
  'age_group',
  'shipping_weight',
  'material',
  'custom_label_0',
  'quantity',
];

/** Variants per item group. */
export const VARIANTS = 4;

/** mulberry32: small, fast, and the same sequence on every platform. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'soft', 'organic', 'cotton', 'durable', 'handmade', 'classic', 'lightweight', 'waterproof', 'everyday', 'premium',
  'recycled', 'breathable', 'stretch', 'vintage', 'modern', 'compact', 'cosy', 'bold', 'minimal', 'travel-ready',
  'café', 'naïve', 'Größe', 'façade', 'smörgåsbord', 'jalapeño', 'crème brûlée', 'Ærøskøbing',
  '日本製', '高品質', '柔らかい', '中文描述', '한국어', 'Ελληνικά', 'ευχαριστώ', 'Русский', 'качество', 'العربية', 'עברית', 'हिन्दी', 'ภาษาไทย',
  '😀', '🚀', '👍🏽', '❤️', '🇩🇪', '👨‍👩‍👧', '✨', '🧵',
  '"quoted"', '"best, ever"', "it's", '5" screen', 'a,b', 'x;y', 'tab|pipe', 'Tom & Jerry', 'R&D', '<b>bold</b>', '<i>new</i>', '<br/>', '&amp;', '1 < 2', '3 > 2',
];
const COLORS = ['Black', 'White', 'Navy', 'Red', 'Forest Green', 'Sand', 'Heather Grey', 'Mustard'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL', '38', '40', '42', 'One Size'];
const MATERIALS = ['Cotton', 'Polyester', 'Wool', 'Linen', 'Leather', 'Bamboo', 'Recycled nylon'];
const BRANDS = ['Acme', 'Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Wingtip', 'Müller & Söhne', 'Łódź Works', '東京 Goods'];
const GENDERS = ['male', 'female', 'unisex'];
const AGES = ['adult', 'adult', 'adult', 'kids', 'toddler'];
const TYPES = ['Apparel > Tops > T-Shirts', 'Apparel > Outerwear > Jackets', 'Home > Kitchen > Mugs', 'Bags > Backpacks', 'Home > Decor > Candles'];
const CATEGORIES = ['212', '5598', '2169', '100', '588'];
const NOUNS = ['T-Shirt', 'Jacket', 'Mug', 'Backpack', 'Candle', 'Hoodie', 'Scarf', 'Tote'];

const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];

/** A valid EAN-13 from 12 digits. */
function ean13(rnd) {
  let digits = '40';
  for (let i = 0; i < 10; i++) digits += Math.floor(rnd() * 10);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
  return digits + ((10 - (sum % 10)) % 10);
}

function description(rnd) {
  const target = 300 + Math.floor(rnd() * 700);
  const parts = [];
  let length = 0;
  while (length < target) {
    let w = pick(rnd, WORDS);
    const r = rnd();
    if (r < 0.04) w += '\n';
    else if (r < 0.1) w += ',';
    else if (r < 0.13) w += '.';
    parts.push(w);
    length += w.length + 1;
  }
  return parts.join(' ').slice(0, 1000);
}

/** Descriptions are drawn from a pool built once per generator: composing one per row would make generating 1M rows slower than the runs it feeds. */
const POOL = 4096;

export function descriptionPool(seed) {
  const rnd = prng(seed ^ 0x5eed);
  return Array.from({ length: POOL }, () => description(rnd));
}

const money = (cents) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/**
 * The fields of row `index` (0-based) as strings, in COLUMNS order. About 5 % of rows carry one
 * fault: a bad GTIN check digit, a price that is not a price, a missing title, or a control character.
 */
export function makeRow(rnd, index, pool) {
  const group = Math.floor(index / VARIANTS);
  const variant = index % VARIANTS;
  const noun = NOUNS[group % NOUNS.length];
  const brand = BRANDS[group % BRANDS.length];
  const color = pick(rnd, COLORS);
  const size = SIZES[variant % SIZES.length];
  const base = 500 + Math.floor(rnd() * 20000);
  const onSale = rnd() < 0.25;
  let title = `${brand} ${noun} ${color} ${size}`;
  let desc = pool[Math.floor(rnd() * pool.length)];
  let price = money(base);
  let gtin = rnd() < 0.9 ? ean13(rnd) : '';
  const images = [];
  const extraImages = Math.floor(rnd() * 4);
  for (let i = 1; i <= extraImages; i++) images.push(`https://cdn.example.com/img/${group}/${variant}-${i}.jpg`);
  const fault = rnd();
  if (fault < 0.0125) gtin = gtin ? gtin.slice(0, 12) + ((Number(gtin[12]) + 1) % 10) : '4006381333932'.slice(0, 12) + '0';
  else if (fault < 0.025) price = pick(rnd, ['12,34,5', 'abc', '-5.00', '1E3']);
  else if (fault < 0.0375) title = '';
  else if (fault < 0.05) desc = `${desc.slice(0, 40)}\u0001\u0007${desc.slice(40)}`;
  return [
    `SKU-${group}-${variant}`,
    title,
    desc,
    `https://shop.example.com/p/${group}?variant=${variant}`,
    `https://cdn.example.com/img/${group}/${variant}.jpg`,
    images.join(','),
    rnd() < 0.85 ? 'in_stock' : 'out_of_stock',
    price,
    'USD',
    onSale ? money(Math.floor(base * 0.8)) : '',
    'new',
    brand,
    gtin,
    `MPN-${group}-${variant}`,
    CATEGORIES[group % CATEGORIES.length],
    TYPES[group % TYPES.length],
    `G-${group}`,
    color,
    size,
    pick(rnd, GENDERS),
    pick(rnd, AGES),
    `${(0.1 + rnd() * 5).toFixed(2)} kg`,
    pick(rnd, MATERIALS),
    rnd() < 0.3 ? 'bestseller' : '',
    String(Math.floor(rnd() * 500)),
  ];
}

/** RFC 4180 quoting: only cells with a comma, quote or line break are quoted. */
export function csvCell(value) {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const xmlText = (value) => value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** One row as a Google RSS item (repeated g:additional_image_link; control characters as written). */
export function xmlItem(row) {
  let out = '<item>';
  for (let i = 0; i < COLUMNS.length; i++) {
    const name = COLUMNS[i];
    const value = row[i];
    if (value === '') continue;
    if (name === 'additional_image_link') {
      for (const url of value.split(',')) out += `<g:${name}>${xmlText(url)}</g:${name}>`;
    } else {
      // XML 1.0 cannot carry C0 controls, even as references: the XML catalog leaves them out
      // to stay well-formed (its other faults are the same as the CSV's).
      out += `<g:${name}>${xmlText(value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''))}</g:${name}>`;
    }
  }
  return `${out}</item>\n`;
}

async function writeAll(file, rows, seed, head, line, tail) {
  const out = createWriteStream(file);
  const rnd = prng(seed);
  const pool = descriptionPool(seed);
  let batch = head;
  let bytes = 0;
  for (let i = 0; i < rows; i++) {
    batch += line(makeRow(rnd, i, pool));
    if (batch.length >= 1 << 20) {
      bytes += Buffer.byteLength(batch);
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  batch += tail;
  bytes += Buffer.byteLength(batch);
  out.end(batch);
  await once(out, 'finish');
  return { file, rows, bytes };
}

/** Writes an N-row CSV catalog (CRLF line ends as spreadsheets write them; LF inside quoted cells). */
export function generateCsv(file, rows, seed = 1) {
  return writeAll(file, rows, seed, COLUMNS.join(',') + '\r\n', (r) => r.map(csvCell).join(',') + '\r\n', '');
}

/** Writes the same catalog as a Google RSS 2.0 document (`rss.channel.item`). */
export function generateXml(file, rows, seed = 1) {
  const head =
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n<channel>\n<title>Bench</title>\n';
  return writeAll(file, rows, seed, head, xmlItem, '</channel>\n</rss>\n');
}
