/**
 * BCP 47 language tags (RFC 5646): the tag must be well formed and its primary language subtag
 * one a channel can know. Primary subtags accepted: the ISO 639-1 two-letter codes, and three-letter
 * ISO 639 codes only where no two-letter code exists and shops use them (fil, yue, haw, ...).
 */
const ISO_639_1 =
  'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de ' +
  'dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia ' +
  'id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo ' +
  'lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ' +
  'ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk ' +
  'tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu';
const THREE_LETTER = 'ast fil gsw haw hmn yue zgh ckb ceb kok mai mni sat';
const PRIMARY: ReadonlySet<string> = new Set(`${ISO_639_1} ${THREE_LETTER}`.split(' '));

/**
 * RFC 5646 langtag without private-use and grandfathered tags: language (2-3 letters, optional
 * extlang), script (4 letters), region (2 letters or 3 digits), variants, extensions.
 */
const LANGTAG =
  /^([a-z]{2,3})(?:-[a-z]{3}){0,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[\da-wyz](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?$/i;

export type LanguageTagProblem = 'malformed' | 'unknown_language';

/** Why a tag is not a usable BCP 47 language tag, or undefined when it is. */
export function languageTagProblem(tag: string): LanguageTagProblem | undefined {
  const m = LANGTAG.exec(tag);
  if (!m) return 'malformed';
  return PRIMARY.has(m[1]!.toLowerCase()) ? undefined : 'unknown_language';
}
