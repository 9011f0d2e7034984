// Reads the text of a PDF that Chromium printed, page by page, with Mozilla's pdf.js: the
// print tests check what is on paper, not what the DOM says should be.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of each page of `pdf` (a Buffer), whitespace collapsed. */
export async function pdfPages(pdf) {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => it.str).join(' ').replace(/\s+/g, ' '));
  }
  await doc.destroy();
  return pages;
}
