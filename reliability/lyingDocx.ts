import { deflatedSpaces, zipWithLyingEntry } from './lyingZip.js';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/**
 * A .docx whose word/document.xml is `inflatedMib` MiB of spaces, deflated to about a thousandth
 * of that, while both its local and central headers claim it is `claimedSize` bytes: an
 * importer that trusts the headers inflates it all.
 */
export function lyingDocx(inflatedMib: number, claimedSize = 4096): Buffer {
  const honest = { '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': RELS };
  return Buffer.from(zipWithLyingEntry(honest, 'word/document.xml', deflatedSpaces(inflatedMib), claimedSize));
}
