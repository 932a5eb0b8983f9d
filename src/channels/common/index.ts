/**
 * Helpers shared by every channel. Stable exports (channels outside this folder import only from here):
 *
 * - itemIssues(channel, product, ctx) -> ItemIssues: collects an item's issues with feed/id/row filled in;
 *   `error(codeField, problem, message, {fix, field})` makes code `<channel>.<codeField>.<problem>` and
 *   excludes the item; `warn(...)` keeps it; `failed` tells whether an error was recorded.
 * - limitText(value, limit, field, out): cut at a word boundary, warning `<channel>.<field>.too_long`.
 * - plainText(html): HTML -> plain text (paragraph breaks kept, entities decoded once); looksLikeHtml(text).
 * - requireFields(values, fields, out): error `<channel>.<field>.missing` for each absent field
 *   (requireField(value, field, out) for one);
 *   requireOneOf(values, fields, out): error `<channel>.<fields[0]>.missing` unless one is present.
 * - priceForFeed(product, feed, out) -> {price, sale_price?, sale_price_effective_date?} | undefined: the
 *   feed-currency rule (see price.ts): another currency needs a `price_<CUR>` / `price <CUR>` column in
 *   product.extra, else error `<channel>.currency.mismatch`; parseAmount(text, currency); currencyColumn();
 *   priceText(money), salePriceText(money): formatMoney, remembering the last value of each.
 * - AVAILABILITY_SPELLINGS, spellAvailability(value, 'google' | 'meta' | 'spaced'), NEEDS_AVAILABILITY_DATE.
 * - identifiersFor(product, 'keep' | 'exclude' | 'allow', out): gtin / brand+mpn /
 *   identifier_exists=no, error or warning `<channel>.gtin.missing_identifier`.
 * - variantTitle(product), splitVariants(product), variantFields(product) (only what each variant changes): one product per variant with a distinct title, for
 *   channels without item_group_id support.
 * - normalizeGender(value), normalizeAgeGroup(value, allowed), GOOGLE_AGE_GROUPS, META_AGE_GROUPS.
 * - exactLimit(value, limit, field, out): ids and URLs over the limit are an error `<channel>.<field>.too_long`.
 * - limitImages(links, max, out), limitImageLinks(links, urlLimit, max, out), imageExtension(url).
 * - compactRecord(fields): a FeedRecord in field order without absent or empty values; filled(value) tells
 *   which values it keeps; recordPicker(fieldList) -> the same for a fixed list, much faster per item.
 * - shippingEntries(product, currency, out, {times}): Google shipping sub-attributes; `times: false`
 *   leaves out handling and transit times (channels whose syntax stops at the price).
 * - resolveGoogleCategory(idOrPath) -> {id, path} | undefined, GOOGLE_TAXONOMY_VERSION.
 * - googleRecord(product, ctx, profile, out), googleValues (the same before compacting), GOOGLE_FIELDS, googleFormats(tsv), GOOGLE_LIMITS, googleAttributes(fields, profile):
 *   the whole Google-vocabulary mapping, for Google-compatible channels.
 * - cachedOptions(schema) -> (raw) => options: parse a feed's channel options once, not per item;
 *   perOptions(derive) -> (options) => value: derive something from them once (a channel profile).
 */
export { itemIssues, type ItemIssues, type IssueOptions } from './item-issues.js';
export { limitText, plainText, looksLikeHtml } from './text.js';
export { requireField, requireFields, requireOneOf } from './require-fields.js';
export { priceForFeed, parseAmount, currencyColumn, priceText, salePriceText, saleActive, pricesAt, type FeedPrices } from './price.js';
export { AVAILABILITY_SPELLINGS, spellAvailability, NEEDS_AVAILABILITY_DATE, type AvailabilitySpelling } from './availability.js';
export { APPAREL_COUNTRIES, requiredApparelFields, requireApparelFields, type ApparelField } from './apparel.js';
export { BRAND_FIX, identifiersFor, MISSING_IDENTIFIER_FIX, requireBrandForNew, type IdentifierFields, type MissingIdentifierPolicy } from './identifiers.js';
export { variantTitle, variantFields, splitVariants, VARIANT_LIST_SEPARATOR, type VariantFields } from './variants.js';
export { normalizeGender, normalizeAgeGroup, GOOGLE_AGE_GROUPS, META_AGE_GROUPS } from './enums.js';
export { limitImages, imageExtension } from './images.js';
export { exactLimit, limitImageLinks, compactRecord, filled } from './exact-limit.js';
export { recordPicker, type RecordPicker } from './record-picker.js';
export { shippingEntries, type ShippingOptions } from './shipping.js';
export { resolveGoogleCategory, GOOGLE_TAXONOMY_VERSION, type GoogleCategory } from './google-taxonomy.js';
export { googleRecord, googleValues, GOOGLE_FIELDS, googleFormats, GOOGLE_LIMITS, type GoogleField, type GoogleProfile, type GoogleValues } from './google-record.js';
export { googleAttributes } from './google-attributes.js';
export { cachedOptions, perOptions } from './cached-options.js';
