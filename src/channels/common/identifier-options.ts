import { z } from 'zod';
import { cachedOptions, perOptions } from './cached-options.js';
import type { GoogleProfile } from './google-record.js';

/** The options of the channels that take Google's identifier rules (google, microsoft). */
export const identifierOptionsSchema = z
  .object({
    /** Items without GTIN or brand + MPN (and not marked identifier_exists=false): `keep` them with a limited-reach warning, or `exclude` them; default keep. */
    missingIdentifier: z.enum(['keep', 'exclude']).default('keep').describe('Items without GTIN or brand + MPN (and not marked identifier_exists=false): `keep` them with a limited-reach warning, or `exclude` them; default keep.'),
  })
  .strict();
export type IdentifierOptions = z.infer<typeof identifierOptionsSchema>;

export const parseIdentifierOptions = cachedOptions(identifierOptionsSchema);

/** The channel's profile with the feed's identifier choice, derived once per options object. */
export const profileWithIdentifierOption = (profile: GoogleProfile): ((opts: IdentifierOptions) => GoogleProfile) =>
  perOptions((opts: IdentifierOptions): GoogleProfile => ({ ...profile, missingIdentifier: opts.missingIdentifier }));
