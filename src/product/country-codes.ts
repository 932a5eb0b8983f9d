/** ISO 3166-1 alpha-2: the 249 officially assigned country codes. */
const CODES =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS ' +
  'BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE ' +
  'EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM ' +
  'HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC ' +
  'LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA ' +
  'NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO ' +
  'TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

export const COUNTRY_CODES: readonly string[] = CODES.split(' ');
const ISO_CODES: ReadonlySet<string> = new Set(COUNTRY_CODES);

/**
 * Codes people write for a country that ISO 3166-1 gives another code: the United Kingdom is GB
 * (UK is only reserved at the UK's request), Greece is GR (EL is the EU's own abbreviation).
 */
const COMMON_MISTAKES: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };

/** True for an assigned upper-case ISO 3166-1 alpha-2 code. */
export const isCountryCode = (code: string): boolean => ISO_CODES.has(code);

/** The code meant by a common non-ISO country code (`UK` -> `GB`), if there is one. */
export const countryCodeFor = (code: string): string | undefined => COMMON_MISTAKES[code.toUpperCase()] ?? (ISO_CODES.has(code.toUpperCase()) ? code.toUpperCase() : undefined);
