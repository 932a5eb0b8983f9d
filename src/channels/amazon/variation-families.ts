import type { ApiItem } from '../../transports/api-push.js';

/**
 * Amazon variation families, made when a push sees the whole feed. The map marks each variant
 * of an item group as a child (`parentage_level: child`, `child_parent_sku_relationship` naming
 * the group as parent SKU); only the whole group shows which attributes differ, so here every
 * family gets its `variation_theme` (on the parent and on each child) and one parent message:
 * the product facts its children share, `parentage_level: parent`, no offer (LISTING_PRODUCT_ONLY).
 */

type Entry = Record<string, unknown>;
interface Message {
  sku: string;
  operationType: string;
  productType?: string;
  requirements?: string;
  attributes?: Record<string, Entry[]>;
}

/** Attributes a family may vary by, in the order Amazon names them in themes (SIZE/COLOR). */
const THEME_PARTS: Array<[attribute: string, name: string]> = [['size', 'SIZE'], ['color', 'COLOR'], ['material', 'MATERIAL'], ['pattern', 'PATTERN']];
/** Child attributes a parent carries too: the product facts, never the offer or the identifier. */
const SHARED = ['item_name', 'brand', 'product_description', 'bullet_point', 'item_type_keyword', 'country_of_origin', 'supplier_declared_dg_hz_regulation', 'manufacturer', 'fabric_type'];
const RELATION = 'child_parent_sku_relationship';

const parentOf = (m: Message): string | undefined => m.attributes?.[RELATION]?.[0]?.parent_sku as string | undefined;
const valueOf = (m: Message, attribute: string): string | undefined => {
  const v = m.attributes?.[attribute]?.[0]?.value;
  return typeof v === 'string' ? v : undefined;
};

/** The theme of a family: the attributes whose values differ; for a family of one, those it has. */
export function variationTheme(children: readonly Message[]): string | undefined {
  const differ = THEME_PARTS.filter(([a]) => new Set(children.map((c) => valueOf(c, a))).size > 1);
  const parts = differ.length ? differ : children.length === 1 ? THEME_PARTS.filter(([a]) => valueOf(children[0]!, a) !== undefined) : [];
  return parts.length ? parts.map(([, name]) => name).join('/') : undefined;
}

/** Children with their family's theme and the parents, as items replacing or joining `items`. */
export function variationFamilies(items: readonly ApiItem[]): ApiItem[] {
  const families = new Map<string, ApiItem[]>();
  const skus = new Set(items.map((i) => i.id));
  for (const item of items) {
    const parent = parentOf(item.body as Message);
    if (parent !== undefined && (item.body as Message).operationType !== 'DELETE') families.set(parent, [...(families.get(parent) ?? []), item]);
  }
  const out: ApiItem[] = [];
  for (const [parentSku, members] of families) {
    const children = members.map((m) => m.body as Message);
    const theme = variationTheme(children);
    if (theme === undefined || skus.has(parentSku)) {
      // No attribute tells the variants apart (or a listing already has the parent's SKU): standalone listings.
      for (const m of members) out.push({ ...m, body: standalone(m.body as Message) });
      continue;
    }
    const tail = marketplaceOf(children[0]!);
    for (const m of members) {
      const body = m.body as Message;
      out.push({ ...m, body: { ...body, attributes: { ...body.attributes, variation_theme: [{ name: theme }] } } });
    }
    const first = children[0]!;
    const attributes: Record<string, Entry[]> = {};
    for (const a of SHARED) if (first.attributes?.[a]) attributes[a] = first.attributes[a]!;
    attributes.parentage_level = [{ ...tail, value: 'parent' }];
    attributes.variation_theme = [{ name: theme }];
    const parent: Message = { sku: parentSku, operationType: first.operationType === 'PARTIAL_UPDATE' ? 'PARTIAL_UPDATE' : 'UPDATE', productType: first.productType, attributes };
    if (parent.operationType === 'UPDATE') parent.requirements = 'LISTING_PRODUCT_ONLY';
    out.push({ id: parentSku, body: parent });
  }
  return out;
}

/** `{ marketplace_id }` of a message's entries, when they carry one. */
function marketplaceOf(m: Message): Entry {
  const id = m.attributes?.parentage_level?.[0]?.marketplace_id;
  return id === undefined ? {} : { marketplace_id: id };
}

function standalone(m: Message): Message {
  const { parentage_level: _level, [RELATION]: _relation, ...attributes } = m.attributes ?? {};
  return { ...m, attributes };
}
