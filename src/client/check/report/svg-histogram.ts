export interface HistogramOptions {
  width?: number;
  height?: number;
  bins?: number;
  /** The accessible name, e.g. '응답 시간 분포'. */
  label: string;
  /** The axis unit after each number. */
  unit?: string;
}

/**
 * An inline SVG histogram of samples (no script, no external reference): `bins` equal-width
 * bars from the minimum to the maximum, each bar's count above it, the range below.
 *
 * @example
 * histogramSvg([3, 4, 4, 9], { label: 'latency' }) // '<svg xmlns="http://www.w3.org/2000/svg" role="img" ...'
 */
export function histogramSvg(samples: readonly number[], options: HistogramOptions): string {
  const width = options.width ?? 560;
  const height = options.height ?? 180;
  const unit = options.unit ?? ' ms';
  const bins = Math.max(1, Math.min(options.bins ?? 10, samples.length || 1));
  const min = samples.length > 0 ? Math.min(...samples) : 0;
  const max = samples.length > 0 ? Math.max(...samples) : 0;
  const span = max - min || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const s of samples) counts[Math.min(bins - 1, Math.floor(((s - min) / span) * bins))]!++;
  const top = Math.max(1, ...counts);
  const pad = { left: 8, right: 8, top: 18, bottom: 34 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const barW = plotW / bins;
  const bars = counts.map((c, i) => {
    const h = (c / top) * plotH;
    const x = pad.left + i * barW;
    const y = pad.top + plotH - h;
    const from = min + (span * i) / bins;
    const to = min + (span * (i + 1)) / bins;
    return (
      `<rect x="${fmt(x + 1)}" y="${fmt(y)}" width="${fmt(Math.max(1, barW - 2))}" height="${fmt(h)}" fill="#3b6ea5">` +
      `<title>${fmt(from)}–${fmt(to)}${esc(unit)}: ${c}</title></rect>` +
      (c > 0 ? `<text x="${fmt(x + barW / 2)}" y="${fmt(y - 4)}" text-anchor="middle" font-size="10">${c}</text>` : '')
    );
  });
  const axisY = pad.top + plotH;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(options.label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${esc(options.label)}</title>`,
    ...bars,
    `<line x1="${pad.left}" y1="${fmt(axisY)}" x2="${width - pad.right}" y2="${fmt(axisY)}" stroke="#333"/>`,
    `<text x="${pad.left}" y="${fmt(axisY + 16)}" font-size="11">${fmt(min)}${esc(unit)}</text>`,
    `<text x="${width - pad.right}" y="${fmt(axisY + 16)}" font-size="11" text-anchor="end">${fmt(max)}${esc(unit)}</text>`,
    `<text x="${width / 2}" y="${fmt(axisY + 30)}" font-size="11" text-anchor="middle">n = ${samples.length}</text>`,
    '</svg>',
  ].join('');
}

function fmt(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
