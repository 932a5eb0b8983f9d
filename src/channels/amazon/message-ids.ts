/**
 * The amazon-listings serializer writes the catalog row as messageId; ids from this base up are
 * stand-ins for repeated rows, which name no row.
 */
export const FALLBACK_MESSAGE_ID_BASE = 1_000_000_000;

export const rowOfMessage = (messageId: number): number | undefined =>
  Number.isInteger(messageId) && messageId >= 1 && messageId < FALLBACK_MESSAGE_ID_BASE ? messageId : undefined;
