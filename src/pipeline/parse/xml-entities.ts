/**
 * HTML named entities that feeds use outside CDATA although XML does not declare them.
 * A strict XML parser rejects the whole document on the first one, so they become numeric
 * references first. Only the common ones: an unknown entity still fails, with its name.
 */
const HTML_ENTITIES: Readonly<Record<string, number>> = {
  nbsp: 160,
  iexcl: 161,
  cent: 162,
  pound: 163,
  euro: 8364,
  yen: 165,
  sect: 167,
  copy: 169,
  laquo: 171,
  raquo: 187,
  reg: 174,
  deg: 176,
  plusmn: 177,
  middot: 183,
  frac12: 189,
  times: 215,
  ndash: 8211,
  mdash: 8212,
  lsquo: 8216,
  rsquo: 8217,
  sbquo: 8218,
  ldquo: 8220,
  rdquo: 8221,
  bdquo: 8222,
  hellip: 8230,
  bull: 8226,
  trade: 8482,
  prime: 8242,
  larr: 8592,
  rarr: 8594,
  agrave: 224,
  aacute: 225,
  acirc: 226,
  atilde: 227,
  auml: 228,
  ccedil: 231,
  egrave: 232,
  eacute: 233,
  ecirc: 234,
  euml: 235,
  iacute: 237,
  icirc: 238,
  iuml: 239,
  ntilde: 241,
  oacute: 243,
  ocirc: 244,
  otilde: 245,
  ouml: 246,
  uacute: 250,
  ucirc: 251,
  uuml: 252,
  Aacute: 193,
  Eacute: 201,
  Oacute: 211,
  Uacute: 218,
  Ntilde: 209,
  Ccedil: 199,
  szlig: 223,
};

const NAMED_ENTITY = /&([A-Za-z][A-Za-z0-9]{1,7});/g;

/**
 * Replaces the common HTML named entities by numeric references, which every XML parser accepts.
 * A document without any is returned as it is (not copied).
 */
export function htmlEntitiesToNumeric(xml: string): string {
  let found = false;
  for (const match of xml.matchAll(NAMED_ENTITY)) {
    if (HTML_ENTITIES[match[1] as string] !== undefined) {
      found = true;
      break;
    }
  }
  if (!found) return xml;
  return xml.replace(NAMED_ENTITY, (whole, name: string) => {
    const code = HTML_ENTITIES[name];
    return code === undefined ? whole : `&#${code};`;
  });
}
