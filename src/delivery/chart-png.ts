/** Fonts for the chart's text: the family to use when the SVG's are missing, and extra font files. */
export interface ChartFont {
  /** Default `DejaVu Sans` (Debian's fonts-dejavu); any installed family works. */
  family?: string;
  /** Font files to load besides the system's (for a machine without fonts installed). */
  files?: string[];
}

/** A rendered picture: PNG bytes and their size in pixels. */
export interface RenderedPng {
  png: Uint8Array;
  width: number;
  height: number;
}

/**
 * Renders SVG to PNG with resvg (@resvg/resvg-js: its native binary ships in a platform package,
 * loaded on the first chart, so commands that draw none never load it). Text uses the system's fonts
 * and `font.family` for any family the SVG names that is missing.
 */
export async function renderPng(svg: string, font: ChartFont = {}): Promise<RenderedPng> {
  const { Resvg } = await import('@resvg/resvg-js');
  const image = new Resvg(svg, {
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: font.family ?? 'DejaVu Sans', ...(font.files ? { fontFiles: font.files } : {}) },
  }).render();
  return { png: new Uint8Array(image.asPng()), width: image.width, height: image.height };
}
