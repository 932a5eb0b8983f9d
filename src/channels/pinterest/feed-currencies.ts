/**
 * The currencies a Pinterest catalog feed takes: the `default_currency` enum (NullableCurrency) of
 * Pinterest API v5's feeds, less the codes ISO 4217 has withdrawn (BYR, HRK, MRO, STD, VEF, ZWD),
 * which the config refuses anyway, and the non-ISO GGP, IMP, JEP, SPL, TVD and XDR. Pinterest's
 * list lacks the current codes MRU, SLE, SSP, STN, VED, VES, XCG, ZWG and ZWL, so a feed in one of
 * those is refused.
 */
export const PINTEREST_FEED_CURRENCIES: readonly string[] = (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF ' +
  'CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD ' +
  'HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL ' +
  'LYD MAD MDL MGA MKD MMK MNT MOP MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN ' +
  'PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLL SOS SRD SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD ' +
  'TZS UAH UGX USD UYU UZS VND VUV WST XAF XCD XOF XPF YER ZAR ZMW'
).split(' ');
