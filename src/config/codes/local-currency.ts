/**
 * The local currency of a country: the ISO 4217 code(s) its prices are written in, for channels
 * whose docs say prices must be "in local currency" of the country a feed targets (Microsoft
 * Merchant Center, idealo's one site per country). Two codes where a country has two legal tenders
 * that shops price in (Panama: balboa and US dollar). Euro members as of 2026, Bulgaria included
 * (it joined on 2026-01-01).
 *
 * Only the countries a channel here needs are listed: those where Microsoft Merchant Center runs
 * product ads (help.ads.microsoft.com/apex/index/3/en/60048) and idealo's six sites.
 */
const LOCAL: Readonly<Record<string, readonly string[]>> = {
  AD: ['EUR'], AL: ['ALL'], AR: ['ARS'], AT: ['EUR'], AU: ['AUD'], AW: ['AWG'], BA: ['BAM'], BD: ['BDT'],
  BE: ['EUR'], BG: ['EUR'], BN: ['BND'], BO: ['BOB'], BR: ['BRL'], BS: ['BSD'], CA: ['CAD'], CH: ['CHF'],
  CL: ['CLP'], CO: ['COP'], CR: ['CRC'], CY: ['EUR'], CZ: ['CZK'], DE: ['EUR'], DK: ['DKK'], DM: ['XCD'],
  DO: ['DOP'], EC: ['USD'], EE: ['EUR'], ES: ['EUR'], FI: ['EUR'], FJ: ['FJD'], FR: ['EUR'], GB: ['GBP'],
  GF: ['EUR'], GR: ['EUR'], GT: ['GTQ'], GU: ['USD'], GY: ['GYD'], HN: ['HNL'], HR: ['EUR'], HT: ['HTG'],
  HU: ['HUF'], ID: ['IDR'], IE: ['EUR'], IN: ['INR'], IS: ['ISK'], IT: ['EUR'], JP: ['JPY'], KY: ['KYD'],
  LI: ['CHF'], LK: ['LKR'], LT: ['EUR'], LU: ['EUR'], LV: ['EUR'], MC: ['EUR'], ME: ['EUR'], MK: ['MKD'],
  MN: ['MNT'], MQ: ['EUR'], MS: ['XCD'], MT: ['EUR'], MV: ['MVR'], MX: ['MXN'], MY: ['MYR'], NC: ['XPF'],
  NL: ['EUR'], NO: ['NOK'], NP: ['NPR'], NZ: ['NZD'], PA: ['PAB', 'USD'], PE: ['PEN'], PF: ['XPF'], PG: ['PGK'],
  PH: ['PHP'], PL: ['PLN'], PR: ['USD'], PT: ['EUR'], PY: ['PYG'], RO: ['RON'], RS: ['RSD'], SE: ['SEK'],
  SG: ['SGD'], SI: ['EUR'], SK: ['EUR'], SM: ['EUR'], SV: ['USD'], TH: ['THB'], TR: ['TRY'], TT: ['TTD'],
  US: ['USD'], UY: ['UYU'], VA: ['EUR'], VE: ['VES'], VN: ['VND'], ZA: ['ZAR'],
};

/**
 * A channel's `marketCurrencies` for `countries`: each country with its local currency. Throws
 * for a country the table above does not hold, so a channel cannot name one by mistake.
 */
export function localCurrencies(countries: readonly string[]): Readonly<Record<string, readonly string[]>> {
  const out: Record<string, readonly string[]> = {};
  for (const c of countries) {
    const codes = LOCAL[c];
    if (!codes) throw new Error(`localCurrencies: no local currency listed for ${c}`);
    out[c] = codes;
  }
  return out;
}
