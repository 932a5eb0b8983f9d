import { GOOGLE_TAXONOMY_DATA } from '../channels/common/google-taxonomy-data.js';
import { resolveGoogleCategory, type GoogleCategory } from '../channels/common/google-taxonomy.js';

let list: GoogleCategory[] | undefined;

/**
 * Every category of the built-in Google taxonomy, in file order. The ids are taken from the
 * generated data (`id:depth:name` lines) and resolved through the one taxonomy module.
 */
export function googleCategories(): readonly GoogleCategory[] {
  list ??= GOOGLE_TAXONOMY_DATA.split('\n').map((line) => resolveGoogleCategory(line.slice(0, line.indexOf(':')))!);
  return list;
}
