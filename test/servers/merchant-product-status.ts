import { protoFields, type MerchantRoutes } from './merchant-server.js';

/** An ItemLevelIssue as the Merchant API v1 returns it (products_common.proto, JSON names). */
export interface ItemLevelIssue {
  code: string;
  severity: 'NOT_IMPACTED' | 'DEMOTED' | 'DISAPPROVED';
  resolution?: string;
  attribute?: string;
  reportingContext?: string;
  description?: string;
  detail?: string;
  documentation?: string;
  applicableCountries?: string[];
}

export interface ProductStatusOptions {
  account: string;
  /** The data source the inputs were inserted into (its id). */
  dataSource: string;
  /** Largest page the server gives, whatever pageSize asks (the API: at most 1,000); default 1,000. */
  pageCap?: number;
  /** Every Nth products.list call is refused with 429 RESOURCE_EXHAUSTED and Retry-After; default never. */
  throttleEvery?: number;
  /** Image URLs that do not load: `image_link_broken`, disapproved. */
  brokenImages?: Set<string>;
  /** Offer ids still under review: pending in every country. */
  pending?: Set<string>;
  /** Further issues per offer id (the channel's own decisions, e.g. policy). */
  issues?: Map<string, ItemLevelIssue[]>;
}

const CONTEXTS = ['SHOPPING_ADS', 'FREE_LISTINGS'];
const APPAREL = /^(212|1604|5322|166)$|^Apparel/i;
const MISSING_HELP = 'https://support.google.com/merchants/answer/6324479';

/**
 * What Merchant Center concludes from a product input, the way its checks do after processing:
 * apparel without gender, age group, color or size is disapproved (`item_missing_required_attribute`),
 * an image that does not load disapproves (`image_link_broken`), both for every reporting context.
 */
function issuesOf(input: Record<string, any>, o: ProductStatusOptions): ItemLevelIssue[] {
  const a = (input.productAttributes ?? {}) as Record<string, any>;
  const country = input.feedLabel as string;
  const out: ItemLevelIssue[] = [];
  const each = (i: Omit<ItemLevelIssue, 'reportingContext'>) => CONTEXTS.forEach((reportingContext) => out.push({ ...i, reportingContext, applicableCountries: [country] }));
  if (APPAREL.test(String(a.googleProductCategory ?? '')) || (a.productTypes ?? []).some((t: string) => APPAREL.test(t))) {
    for (const [attr, name] of [['gender', 'gender'], ['ageGroup', 'age_group'], ['color', 'color'], ['size', 'size']] as const) {
      if (!a[attr]) each({ code: 'item_missing_required_attribute', severity: 'DISAPPROVED', resolution: 'merchant_action', attribute: name, description: `Missing value [${name}]`, detail: `Add the ${name} attribute: apparel products need it to show`, documentation: MISSING_HELP });
    }
  }
  if (o.brokenImages?.has(a.imageLink)) each({ code: 'image_link_broken', severity: 'DISAPPROVED', resolution: 'merchant_action', attribute: 'image_link', description: 'Invalid image [image_link]', detail: 'Ensure the image is accessible and uses an accepted format', documentation: 'https://support.google.com/merchants/answer/6098289' });
  for (const i of o.issues?.get(input.offerId) ?? []) out.push({ applicableCountries: [country], ...i });
  return out;
}

function statusOf(input: Record<string, any>, o: ProductStatusOptions) {
  const issues = issuesOf(input, o);
  const country = input.feedLabel as string;
  const destinationStatuses = CONTEXTS.map((reportingContext) => {
    const refused = issues.some((i) => i.severity === 'DISAPPROVED' && (!i.reportingContext || i.reportingContext === reportingContext));
    if (o.pending?.has(input.offerId)) return { reportingContext, pendingCountries: [country] };
    return refused ? { reportingContext, disapprovedCountries: [country] } : { reportingContext, approvedCountries: [country] };
  });
  return { destinationStatuses, itemLevelIssues: issues, creationDate: '2026-12-01T10:00:00Z', lastUpdateDate: '2026-12-01T10:00:00Z' };
}

/**
 * `products.list` and `products.get` of the Merchant API v1 (products.proto): the processed
 * products of the inputs the server holds, each with its `productStatus`. Pages follow
 * pageSize (default 25, at most 1,000) and opaque page tokens; a token not issued is refused
 * (400), and so are other parameters than pageSize and pageToken. Every answer is checked
 * against the Product message of the proto, so the server never says what the API cannot.
 */
export function productStatusRoutes(o: ProductStatusOptions): MerchantRoutes {
  const productFields = protoFields('products.proto', 'Product');
  const issued = new Set<string>();
  let lists = 0;
  const product = (key: string, input: Record<string, any>) => {
    const p = {
      name: `accounts/${o.account}/products/${key}`, offerId: input.offerId, contentLanguage: input.contentLanguage, feedLabel: input.feedLabel,
      dataSource: `accounts/${o.account}/dataSources/${o.dataSource}`, productAttributes: input.productAttributes ?? {}, productStatus: statusOf(input, o),
    };
    for (const k of Object.keys(p)) if (!productFields.has(k)) throw new Error(`the test server would answer a Product field the proto lacks: ${k}`);
    return p;
  };
  return (req, products, violations) => {
    const base = `/products/v1/accounts/${o.account}/products`;
    if (req.method !== 'GET' || !req.url.pathname.startsWith(base)) return undefined;
    const rest = req.url.pathname.slice(base.length);
    if (rest.startsWith('/')) {
      const key = decodeURIComponent(rest.slice(1));
      const input = products.get(key);
      return input ? { status: 200, body: product(key, input) } : { status: 404, body: { error: { code: 404, message: `Product ${key} not found.`, status: 'NOT_FOUND' } } };
    }
    if (rest !== '') return undefined;
    for (const k of req.url.searchParams.keys()) if (k !== 'pageSize' && k !== 'pageToken') {
      violations.push(`GET ${base}: unknown parameter ${k}`);
      return { status: 400, body: { error: { code: 400, message: `Invalid JSON payload received. Unknown name "${k}"`, status: 'INVALID_ARGUMENT' } } };
    }
    if (o.throttleEvery && ++lists % o.throttleEvery === 0) {
      return { status: 429, headers: { 'retry-after': '0' }, body: { error: { code: 429, message: "Quota exceeded for quota metric 'Products list requests'", status: 'RESOURCE_EXHAUSTED' } } };
    }
    const asked = Number(req.url.searchParams.get('pageSize') ?? 25);
    if (!Number.isInteger(asked) || asked < 0) return { status: 400, body: { error: { code: 400, message: 'page_size must be a positive number', status: 'INVALID_ARGUMENT' } } };
    const size = Math.min(asked || 25, 1000, o.pageCap ?? 1000);
    const token = req.url.searchParams.get('pageToken');
    if (token && !issued.has(token)) return { status: 400, body: { error: { code: 400, message: 'Invalid page token.', status: 'INVALID_ARGUMENT' } } };
    const start = token ? Number(Buffer.from(token, 'base64url').toString().split(':')[1]) : 0;
    const keys = [...products.keys()].sort();
    const page = keys.slice(start, start + size).map((k) => product(k, products.get(k)!));
    const body: Record<string, unknown> = { products: page };
    if (start + size < keys.length) {
      const next = Buffer.from(`offset:${start + size}:${issued.size}`).toString('base64url');
      issued.add(next);
      body.nextPageToken = next;
    }
    return { status: 200, body };
  };
}
