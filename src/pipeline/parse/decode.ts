import iconv from 'iconv-lite';

/** Labels that browsers decode with a wider table than their name says (WHATWG Encoding). */
const ENCODING_ALIASES: Readonly<Record<string, string>> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  big5: 'big5hkscs',
  'x-sjis': 'shift_jis',
  utf8: 'utf-8',
};

/** A decoded document and the encoding used to decode it. */
export interface DecodedBody {
  text: string;
  encoding: string;
  /** Where the encoding came from. */
  source: 'bom' | 'xml-declaration' | 'content-type' | 'default';
}

/** The `charset=` parameter of a Content-Type header, lowercased, or null. */
export function charsetFromContentType(contentType: string | null): string | null {
  const match = /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase() ?? null;
}

/** The `encoding=` of an XML declaration at the start of the bytes (read as ASCII), or null. */
export function encodingFromXmlDeclaration(body: Buffer): string | null {
  const head = body.subarray(0, 512).toString('latin1');
  const match = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1]?.toLowerCase() ?? null;
}

function usableEncoding(label: string | null): string | null {
  if (!label) return null;
  const name = ENCODING_ALIASES[label] ?? label;
  return iconv.encodingExists(name) ? name : null;
}

function bomEncoding(body: Buffer): { encoding: string; length: number } | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (body[0] === 0xff && body[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (body[0] === 0xfe && body[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 without a BOM still starts with `<` or `{` followed (or preceded) by a zero byte. */
function bomlessUtf16(body: Buffer): string | null {
  if (body.length < 4) return null;
  if (body[0] !== 0 && body[1] === 0 && body[2] !== 0 && body[3] === 0) return 'utf-16le';
  if (body[0] === 0 && body[1] !== 0 && body[2] === 0 && body[3] !== 0) return 'utf-16be';
  return null;
}

/**
 * `iconv.decode(body, encoding)`, with UTF-8 decoded by Buffer itself: the same text (invalid bytes
 * become U+FFFD alike, and a leading U+FEFF is dropped as iconv-lite drops it) in one pass instead of
 * iconv-lite's string decoder.
 */
export function decodeAs(body: Buffer, encoding: string): string {
  if (encoding !== 'utf-8') return iconv.decode(body, encoding);
  const text = body.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Decodes a feed body to a string. Order: byte-order mark, then the XML declaration's
 * `encoding=` (XML documents only), then the Content-Type charset, then UTF-8.
 * Unknown labels are skipped, so a typo in one place falls through to the next source.
 */
export function decodeBody(body: Buffer, contentType: string | null): DecodedBody {
  const bom = bomEncoding(body);
  if (bom) {
    return { text: decodeAs(body.subarray(bom.length), bom.encoding), encoding: bom.encoding, source: 'bom' };
  }
  const utf16 = bomlessUtf16(body);
  if (utf16) return { text: iconv.decode(body, utf16), encoding: utf16, source: 'bom' };
  const declared = usableEncoding(encodingFromXmlDeclaration(body));
  if (declared) return { text: decodeAs(body, declared), encoding: declared, source: 'xml-declaration' };
  const header = usableEncoding(charsetFromContentType(contentType));
  if (header) return { text: decodeAs(body, header), encoding: header, source: 'content-type' };
  return { text: decodeAs(body, 'utf-8'), encoding: 'utf-8', source: 'default' };
}

const DECLARED_ENCODING = /^(\s*<\?xml\b[^>]*?)\bencoding\s*=\s*["']([^"']*)["']/;

/**
 * Rewrites the `encoding=` of an already-decoded document's XML declaration to UTF-8, so
 * nothing downstream re-decodes the text with the original charset. A declaration that already
 * says UTF-8 (in any case) is left as it is, so the document is not copied.
 */
export function neutralizeXmlDeclaration(xml: string): string {
  const declared = DECLARED_ENCODING.exec(xml)?.[2];
  if (declared === undefined || declared.toLowerCase() === 'utf-8') return xml;
  return xml.replace(DECLARED_ENCODING, '$1encoding="utf-8"');
}
