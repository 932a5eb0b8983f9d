import type { ApiItem } from '../../transports/api-push.js';

/**
 * eBay inventory item groups: the variants of one item_group_id become one multiple-variation
 * listing. Only the whole feed shows which aspects differ, so the push derives one item per group
 * (id `group:<item_group_id>`), sent after its variants: createOrReplaceInventoryItemGroup with
 * variantSKUs and variesBy, then publishOfferByInventoryItemGroup. Its variants' offers are never
 * published one by one (the steps are in push-steps.ts). A group whose variants no aspect tells apart is no group: its variants are
 * standalone listings.
 */
export const GROUP_PREFIX = 'group:';

type Aspects = Record<string, string[]>;
interface ItemBody {
  group?: string;
  inventoryItem?: { product?: { title?: string; description?: string; imageUrls?: string[]; aspects?: Aspects } };
}

/** Identifiers differ per variant without being what a buyer chooses. */
const NOT_VARIATIONS = new Set(['mpn', 'ean', 'upc', 'isbn', 'gtin']);
/** A listing shows at most 12 images; eBay takes up to 12 on a group. */
const GROUP_IMAGES = 12;

const aspectsOf = (b: ItemBody): Aspects => b.inventoryItem?.product?.aspects ?? {};

/**
 * The aspects a group varies by: those every variant has with one value, with at least two values
 * in the group, in the order of the first variant; undefined when two variants would look alike.
 */
export function variesBy(bodies: readonly ItemBody[]): Array<{ name: string; values: string[] }> | undefined {
  const names = Object.keys(aspectsOf(bodies[0]!)).filter(
    (n) => !NOT_VARIATIONS.has(n.toLowerCase()) && bodies.every((b) => aspectsOf(b)[n]?.length === 1) && new Set(bodies.map((b) => aspectsOf(b)[n]![0])).size > 1,
  );
  if (names.length === 0) return undefined;
  const combos = new Set(bodies.map((b) => JSON.stringify(names.map((n) => aspectsOf(b)[n]![0]))));
  if (combos.size !== bodies.length) return undefined;
  return names.map((name) => ({ name, values: [...new Set(bodies.map((b) => aspectsOf(b)[name]![0]!))] }));
}

/** The variants as they are sent (grouped or standalone) and one group item per real group. */
export function inventoryItemGroups(items: readonly ApiItem[]): ApiItem[] {
  const groups = new Map<string, ApiItem[]>();
  for (const item of items) {
    const key = (item.body as ItemBody).group;
    if (key !== undefined) groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const out: ApiItem[] = [];
  for (const [key, members] of groups) {
    const bodies = members.map((m) => m.body as ItemBody);
    const specs = members.length > 1 ? variesBy(bodies) : undefined;
    if (!specs) {
      for (const m of members) {
        const { group: _group, ...body } = m.body as ItemBody;
        out.push({ ...m, body });
      }
      continue;
    }
    const first = bodies[0]!.inventoryItem?.product ?? {};
    const varying = new Set(specs.map((s) => s.name));
    // Aspects shared by every variant (same values) describe the listing; the varying ones are the choices.
    const aspects: Aspects = {};
    for (const [name, values] of Object.entries(first.aspects ?? {})) {
      if (!varying.has(name) && !NOT_VARIATIONS.has(name.toLowerCase()) && bodies.every((b) => JSON.stringify(aspectsOf(b)[name]) === JSON.stringify(values))) aspects[name] = values;
    }
    const images = [...new Set(bodies.flatMap((b) => b.inventoryItem?.product?.imageUrls ?? []))].slice(0, GROUP_IMAGES);
    const imageAspect = varying.has('Color') ? 'Color' : specs[0]!.name;
    const group: Record<string, unknown> = {
      title: first.title,
      description: first.description ?? first.title,
      aspects,
      variantSKUs: members.map((m) => m.id),
      variesBy: { aspectsImageVariesBy: [imageAspect], specifications: specs },
    };
    if (images.length) group.imageUrls = images;
    out.push({ id: `${GROUP_PREFIX}${key}`, body: { groupKey: key, inventoryItemGroup: group } });
  }
  return out;
}
