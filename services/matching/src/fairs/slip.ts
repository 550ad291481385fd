import type { FairRow, SeekerRow } from '@duijie/db';
import type { Match } from '@duijie/ranking';
import type { vacancySummary } from '../views.ts';

const html = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const yuan = (v: ReturnType<typeof vacancySummary>) =>
  v.monthlyWage.monthlyMax && v.monthlyWage.monthlyMax !== v.monthlyWage.monthlyMin
    ? `${v.monthlyWage.monthlyMin}–${v.monthlyWage.monthlyMax} 元/月`
    : `${v.monthlyWage.monthlyMin} 元/月`;

/**
 * The slip printed at the check-in desk (A6, black on white, for thermal printers too): the
 * seeker's best booths with the reason each fits, and their QR code for the booths to scan.
 * Only a surname is printed: slips are left on tables.
 */
export function slipHtml(input: {
  fair: FairRow;
  seeker: SeekerRow;
  recommendations: { booth: string; vacancy: ReturnType<typeof vacancySummary>; match: Match }[];
  qrSvg: string;
}): string {
  const { fair, seeker, recommendations, qrSvg } = input;
  const rows = recommendations
    .map(
      (r, i) =>
        `<tr><td>${i + 1}</td><td class="booth">${html(r.booth)}</td><td><strong>${html(r.vacancy.title)}</strong><br>${html(yuan(r.vacancy))} · 空缺 ${r.vacancy.openPlaces} 人<br><small>${html(r.match.reason.zh)}</small></td></tr>`,
    )
    .join('\n');
  const surname = `${seeker.name.slice(0, 1)}${'*'.repeat(Math.max(seeker.name.length - 1, 1))}`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${html(fair.name)} · 推荐岗位</title>
<style>@page{size:A6;margin:6mm}body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;font-size:11pt;color:#000}
h1{font-size:13pt;margin:0 0 4pt}table{border-collapse:collapse;width:100%}td{border-top:1px solid #000;padding:3pt;vertical-align:top}
.booth{font-size:14pt;font-weight:bold;white-space:nowrap}.qr svg{width:32mm;height:32mm}</style></head>
<body><h1>${html(fair.name)}</h1><p>${html(surname)} 您好，以下展位的岗位最适合您：</p>
<table><tbody>
${rows || '<tr><td>暂无合适岗位，请到服务台咨询。</td></tr>'}
</tbody></table>
<p class="qr">${qrSvg}</p><p><small>到展位出示此码即可登记意向。</small></p></body></html>`;
}
