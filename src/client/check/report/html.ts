import { LABELS, PROBE_TITLES_KO } from './labels.js';
import { sealReport } from './model.js';
import { sha256 } from './posture.js';
import type { CheckReportDocument } from './schema.js';
import { histogramSvg } from './svg-histogram.js';

/** Markup that is already safe; everything else interpolated into `html` is escaped. */
class Safe {
  constructor(readonly text: string) {}
}

type Value = Safe | string | number | boolean | null | undefined | readonly Value[];

/**
 * Text made safe for HTML content and attribute values. C0 control characters (an endpoint's
 * answer may carry them) are shown as \uXXXX rather than passed to the page.
 *
 * @example
 * escapeHtml('<b title="x">&') // '&lt;b title=&quot;x&quot;&gt;&amp;'
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function html(strings: TemplateStringsArray, ...values: Value[]): Safe {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new Safe(out);
}

function render(v: Value): string {
  if (v instanceof Safe) return v.text;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

const STYLE = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", "Apple SD Gothic Neo", sans-serif; font-size: 10pt; color: #111; margin: 0 auto; max-width: 190mm; line-height: 1.45; }
h1 { font-size: 16pt; margin: 0 0 4mm; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; }
thead { display: table-header-group; }
tr, .probe, figure, dl { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; }
#summary td:first-child, #summary td:last-child, #summary th:last-child, .nowrap { white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: 48mm 1fr; gap: 0.5mm 3mm; margin: 0 0 3mm; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.verdict { display: inline-block; padding: 1.5mm 4mm; font-size: 14pt; font-weight: bold; border: 2px solid; border-radius: 2mm; }
.v-pass { color: #11632b; } .v-pass-with-warnings, .v-warn { color: #8a5a00; } .v-fail { color: #a11212; } .v-skip { color: #555; }
.probe { border: 1px solid #ccc; border-radius: 1.5mm; padding: 2mm 3mm; margin: 0 0 2.5mm; }
.probe h3 { display: flex; justify-content: space-between; gap: 3mm; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; background: #f6f6f6; border: 1px solid #ddd; padding: 1.5mm; margin: 1mm 0; }
.flag { color: #a11212; font-weight: bold; }
.muted { color: #555; }
footer { margin-top: 8mm; border-top: 1px solid #999; padding-top: 2mm; font-size: 8.5pt; break-inside: avoid; page-break-inside: avoid; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; overflow-wrap: anywhere; }
@media print { .probe { border-color: #999; } }
`;

/**
 * The HTML report: one self-contained file (inline style, no script, nothing fetched) in Korean
 * or English, fit for A4, with its own SHA-256 in the footer. Everything that came from the
 * endpoint is escaped.
 *
 * @example
 * writeFileSync('check.html', renderHtml(buildDocument(report, { lang: 'ko', generatedAt: new Date(), custlinkVersion: '0.1.0', key })));
 */
export function renderHtml(doc: CheckReportDocument): string {
  const t = LABELS[doc.lang];
  const yesNo = (b: boolean): string => (b ? t.yes : t.no);
  const title = (p: CheckReportDocument['probes'][number]): string => (doc.lang === 'ko' ? (PROBE_TITLES_KO[p.id] ?? p.title) : p.title);
  const body = html`<!DOCTYPE html>
<html lang="${doc.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="custlink ${doc.custlinkVersion}">
<title>${t.title}: ${doc.endpoint}</title>
<style>${new Safe(STYLE)}</style>
</head>
<body>
<header>
<h1>${t.title}</h1>
<dl class="facts">
<dt>${t.endpoint}</dt><dd><code>${doc.endpoint}</code></dd>
<dt>${t.date}</dt><dd>${doc.generatedAt}</dd>
<dt>${t.version}</dt><dd>${doc.custlinkVersion}</dd>
<dt>${t.scheme}</dt><dd>${doc.scheme}</dd>
<dt>${t.timeout}</dt><dd>${doc.timeoutMs} ms</dd>
<dt>${t.checkedKey}</dt><dd><code>${doc.checkedKeyFingerprint}</code></dd>
</dl>
<p>${t.verdict}: <span id="verdict" class="verdict v-${doc.verdict}">${t.verdicts[doc.verdict]}</span>
 <span class="muted">${t.summary(doc.summary.pass, doc.summary.warn, doc.summary.fail, doc.summary.skip)}</span></p>
</header>
<main>
<section id="summary">
<h2>${t.probes}</h2>
<table>
<thead><tr><th>#</th><th>${t.probe}</th><th>${t.expected}</th><th>${t.got}</th><th>${t.agentSees}</th><th>${t.verdict}</th></tr></thead>
<tbody>
${doc.probes.map((p, i) => html`<tr><td>${i + 1}</td><td>${title(p)} <code class="muted">${p.id}</code></td><td>${p.expected}</td><td>${p.got}</td><td>${p.agent?.[doc.lang] ?? '-'}</td><td class="v-${p.verdict}">${t.probeVerdicts[p.verdict]}</td></tr>
`)}</tbody>
</table>
</section>
<section id="probes">
${doc.probes.map((p, i) => html`<article class="probe" id="probe-${p.id}">
<h3><span>${i + 1}. ${title(p)} <code class="muted">${p.id}</code></span><span class="v-${p.verdict}">${t.probeVerdicts[p.verdict]}</span></h3>
<dl class="facts">
<dt>${t.expected}</dt><dd>${p.expected}</dd>
<dt>${t.got}</dt><dd>${p.got}${p.durationMs === undefined ? '' : ` (${p.durationMs} ms)`}</dd>
${p.agent ? html`<dt>${t.agentSees}</dt><dd>${p.agent.ko}${doc.lang === 'en' ? ` (${p.agent.en})` : ''}</dd>` : ''}
${p.note === undefined ? '' : html`<dt>${t.note}</dt><dd>${p.note}</dd>`}
</dl>
${p.exchange ? html`<div class="exchange"><h4>${t.sent}</h4><pre>${p.exchange.request.method} ${p.exchange.request.url}
${Object.entries(p.exchange.request.headers).map(([k, v]) => `${k}: ${v}\n`)}
${p.exchange.request.body} <span class="muted">(${p.exchange.request.bodyBytes} ${t.bytes})</span></pre>
<h4>${t.received}</h4><pre>${p.exchange.response.status === 0 ? t.noAnswer : `HTTP ${p.exchange.response.status}`}
${Object.entries(p.exchange.response.headers).map(([k, v]) => `${k}: ${v}\n`)}
${p.exchange.response.body} <span class="muted">(${p.exchange.response.bodyBytes} ${t.bytes})</span></pre></div>` : ''}
</article>
`)}
</section>
<section id="tls">
<h2>${t.tls}</h2>
${doc.tls === null ? html`<p>${t.tlsNone}</p>` : html`<dl class="facts">
<dt>${t.protocol}</dt><dd>${doc.tls.protocol ?? '-'}</dd>
<dt>${t.cipher}</dt><dd>${doc.tls.cipher ?? '-'}</dd>
<dt>${t.subject}</dt><dd>${doc.tls.subject ?? '-'}</dd>
<dt>${t.issuer}</dt><dd>${doc.tls.issuer ?? '-'}</dd>
<dt>${t.expiry}</dt><dd>${doc.tls.daysToExpiry === null ? '-' : t.days(doc.tls.daysToExpiry)} ${doc.tls.validTo ? `(${doc.tls.validTo})` : ''}</dd>
<dt>${t.hostname}</dt><dd>${yesNo(doc.tls.hostnameMatch)}</dd>
<dt>${t.trusted}</dt><dd>${yesNo(doc.tls.authorized)}${doc.tls.error ? ` (${doc.tls.error})` : ''}</dd>
</dl>`}
</section>
<section id="latency">
<h2>${t.latency}</h2>
${doc.latency === null ? html`<p>-</p>` : html`<table>
<thead><tr><th>n</th><th>p50</th><th>p95</th><th>p99</th><th>max</th></tr></thead>
<tbody><tr><td>${t.latencyOf(doc.latency.samplesMs.length)}</td><td>${doc.latency.p50} ms</td><td>${doc.latency.p95} ms</td><td>${doc.latency.p99} ms</td><td>${doc.latency.max} ms</td></tr></tbody>
</table>
<figure>${new Safe(histogramSvg(doc.latency.samplesMs, { label: t.histogram }))}<figcaption class="muted">${t.histogram}</figcaption></figure>`}
</section>
<section id="agent-messages">
<h2>${t.agentMessages}</h2>
<table>
<thead><tr><th>${t.status}</th><th>${t.message}</th><th>${t.seenIn}</th></tr></thead>
<tbody>
${doc.agentMessages.map((m) => html`<tr><td>${m.status}</td><td>${m.ko}${doc.lang === 'en' ? ` (${m.en})` : ''}</td><td>${m.probes.join(', ') || '-'}</td></tr>
`)}</tbody>
</table>
</section>
<section id="posture">
<h2>${t.posture}</h2>
${doc.posture === null ? html`<p>${t.noPosture}</p>` : posture(doc.posture, t)}
</section>
<p class="muted">${t.redaction}</p>
</main>
<footer id="integrity">
<h2>${t.footer}</h2>
<dl class="facts">
<dt>${t.configHash}</dt><dd><code>${doc.integrity.configSha256 ?? '-'}</code></dd>
<dt>${t.reportHash}</dt><dd><code id="report-sha256">${doc.integrity.reportSha256}</code><br><span class="muted">${t.hashMethod}</span></dd>
</dl>
</footer>
</body>
</html>
`;
  return sealReport(body.text, sha256);
}

type Labels = (typeof LABELS)[keyof typeof LABELS];

function posture(p: NonNullable<CheckReportDocument['posture']>, t: Labels): Safe {
  const onOff = (on: boolean, store: string | null): string => (on ? `${t.on}${store ? ` (${t.store}: ${store})` : ''}` : t.off);
  const a = p.audit;
  const where = a.postgres === null
    ? [a.dir ? `${t.auditDir}: ${a.dir}` : '', a.keepDays === null ? '' : t.keepDays(a.keepDays), a.fsync === null ? '' : t.fsync(a.fsync)]
    : [t.auditTable(a.postgres.url, a.postgres.table), a.dir ? `${t.auditState}: ${a.dir}` : '', t.keepTable];
  const audit = a.configured
    ? [...where, a.onFailure ? `${t.onFailure}: ${a.onFailure}` : '', a.keyFingerprint ? `${t.auditKey}: ${a.keyFingerprint}` : '']
        .filter((s) => s !== '')
        .join(' · ') || t.on
    : t.unset;
  return html`<dl class="facts">
<dt>${t.configFile}</dt><dd><code>${p.configFile}</code></dd>
<dt>${t.allowIps}</dt><dd>${p.allowIps === null ? t.everyAddress : p.allowIps.join(', ')}</dd>
<dt>${t.trustProxy}</dt><dd>${String(p.trustProxy)}</dd>
<dt>${t.cache}</dt><dd>${onOff(p.cache.enabled, p.cache.store)}${p.cache.ttlMs === null ? '' : `, ttl ${p.cache.ttlMs} ms`}</dd>
<dt>${t.audit}</dt><dd>${audit}</dd>
<dt>${t.keyListed}</dt><dd class="${p.checkedKeyListed ? '' : 'flag'}">${p.checkedKeyListed ? t.yes : t.no}</dd>
</dl>
${p.apis.map((api) => html`<h3>${t.api} ${api.name} <code>${api.path}</code>${api.probed ? ' ✔' : ''}</h3>
<dl class="facts">
<dt>${t.signed}</dt><dd>${api.signed ? t.yes : t.no} (${api.scheme})</dd>
<dt>${t.keys}</dt><dd><code>${api.keys.map((k) => k.fingerprint).join(', ') || '-'}</code></dd>
<dt>${t.rotation}</dt><dd>${api.rotating ? t.rotating(api.keys.length) : t.oneKey}</dd>
<dt>${t.replay}</dt><dd>${onOff(api.replay.enabled, api.replay.store)}</dd>
</dl>
<table class="masks">
<thead><tr><th>${t.item}</th><th>${t.column}</th><th>${t.mask}</th></tr></thead>
<tbody>
${api.result.map((r) => html`<tr><td>${r.item}</td><td>${r.column}</td><td>${r.mask ?? t.noMask}${r.unmaskedLooking ? html` <span class="flag">⚠ ${t.unmasked}</span>` : ''}</td></tr>
`)}</tbody>
</table>
`)}`;
}
