/**
 * The currencies a TikTok catalog can be created in: the valid keys of the CatalogCurrency enum of
 * `catalog_conf.currency` in TikTok's Business API (catalog/create), less HRK and VEF (withdrawn
 * from ISO 4217, so the config refuses them anyway) and OMNI (no ISO code). A catalog has one
 * country and one currency; a feed in another currency has no catalog to go to.
 */
export const TIKTOK_CATALOG_CURRENCIES: readonly string[] = (
  'AED ALL AOA ARS AUD BAM BDT BGN BHD BND BOB BRL BWP BYN CAD CHF CLP CNY COP CRC CZK DKK DZD EGP EUR GBP GHS ' +
  'GTQ GYD HKD HNL HUF IDR ILS INR IQD IRR ISK JOD JPY KES KHR KRW KWD KZT LAK LBP LKR LYD MAD MDL MKD MMK MNT ' +
  'MOP MUR MVR MWK MXN MYR NGN NIO NOK NPR NZD OMR PEN PHP PKR PLN PYG QAR RON RSD RUB SAR SDG SEK SGD SLL SRD ' +
  'SSP SYP THB TND TRY TWD TZS UAH UGX USD UYU UZS VND XAF YER ZAR ZMW'
).split(' ');
