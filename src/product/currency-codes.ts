/**
 * ISO 4217 codes a shop can price in: the current list without precious metals, bond units,
 * fund codes and test codes (XAU, XBA, CHE, XTS, XXX ...), which no buyer pays with.
 */
const CODES =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN ' +
  'BZD CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL ' +
  'GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW ' +
  'KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN ' +
  'NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK ' +
  'SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU ' +
  'UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL';

/** Every accepted code, alphabetically. */
export const CURRENCY_CODES: readonly string[] = CODES.split(' ');
const ISO_CODES: ReadonlySet<string> = new Set(CURRENCY_CODES);

/** True for an upper-case ISO 4217 code a price may carry. */
export const isCurrencyCode = (code: string): boolean => ISO_CODES.has(code);

/**
 * Currency symbols and the currencies each can denote. A symbol with one currency stands on its
 * own; a shared one (`$`, `¥`, `kr`) needs the declared currency to say which it is.
 */
const SYMBOLS: Record<string, readonly string[]> = {
  '€': ['EUR'],
  '£': ['GBP'],
  '₹': ['INR'],
  '₩': ['KRW'],
  '₺': ['TRY'],
  '₽': ['RUB'],
  '₪': ['ILS'],
  '₫': ['VND'],
  '₱': ['PHP'],
  '₴': ['UAH'],
  '₦': ['NGN'],
  '฿': ['THB'],
  'zł': ['PLN'],
  'Kč': ['CZK'],
  'Ft': ['HUF'],
  'R$': ['BRL'],
  'US$': ['USD'],
  'A$': ['AUD'],
  'NZ$': ['NZD'],
  'HK$': ['HKD'],
  'S$': ['SGD'],
  'CA$': ['CAD'],
  '$': ['USD', 'CAD', 'AUD', 'NZD', 'MXN', 'SGD', 'HKD', 'TWD', 'ARS', 'CLP', 'COP', 'UYU', 'BSD', 'BBD', 'BZD', 'BMD', 'BND', 'FJD', 'JMD', 'KYD', 'LRD', 'NAD', 'SBD', 'SRD', 'TTD', 'XCD'],
  '¥': ['JPY', 'CNY'],
  '￥': ['JPY', 'CNY'],
  'kr': ['SEK', 'NOK', 'DKK', 'ISK'],
  'kr.': ['SEK', 'NOK', 'DKK', 'ISK'],
};

/** The currencies a symbol can denote, or undefined when the text is no known symbol. */
export const currenciesOfSymbol = (symbol: string): readonly string[] | undefined =>
  Object.hasOwn(SYMBOLS, symbol) ? SYMBOLS[symbol] : undefined;
