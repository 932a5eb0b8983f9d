import { XmlCutter, type ScannedItem } from './xml-cutter.js';

export { XmlScanError, type ScannedItem } from './xml-cutter.js';

/**
 * The items of an XML text stream, a batch per chunk of text (see XmlCutter). Items before a
 * point where the text cannot be read are delivered before the XmlScanError is thrown.
 */
export async function* scanXmlItemBatches(chunks: AsyncIterable<string>, itemName: string, maxChars: number): AsyncGenerator<ScannedItem[]> {
  const cutter = new XmlCutter(itemName, maxChars);
  for await (const chunk of chunks) {
    cutter.write(chunk);
    yield* take(cutter);
  }
  cutter.end();
  yield* take(cutter);
}

function* take(cutter: XmlCutter): Generator<ScannedItem[]> {
  const items = cutter.cut();
  if (items.length) yield items;
  if (cutter.failure) throw cutter.failure;
}

/** The items of an XML text stream one by one. */
export async function* scanXmlItems(chunks: AsyncIterable<string>, itemName: string, maxChars: number): AsyncGenerator<ScannedItem> {
  for await (const batch of scanXmlItemBatches(chunks, itemName, maxChars)) yield* batch;
}
