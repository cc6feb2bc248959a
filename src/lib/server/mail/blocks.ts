/**
 * A message is a short list of blocks, written once and rendered twice: as plain text and as
 * simple HTML that mail programs on cheap phones show well (one column, inline styles, large
 * type). The only images are the pictograms beside facts, carried in the mail itself (cid:),
 * so nothing is loaded from elsewhere. Every value is escaped here, so text a parent or teacher
 * typed cannot become markup.
 */
import type { PictogramKind } from '../../pictograms';

/** The pictograms mail uses: all but "none", which only the pages show. */
export type MailPictogram = Exclude<PictogramKind, 'none'>;

export type Block =
	/** `lang` and `dir` for a paragraph in another language than the mail's own. */
	| { p: string; lang?: string; dir?: 'ltr' | 'rtl' }
	| { facts: { icon: MailPictogram; label: string; value: string }[] }
	/** `label` says what the link is for; `button` is the short text on the button ("Open your page"). */
	| { link: string; label: string; button: string }
	| { small: string };

export interface MailBody {
	lang: string;
	dir: 'ltr' | 'rtl';
	subject: string;
	/** Shown above the message: the school's name. */
	heading: string;
	blocks: Block[];
	/** What each pictogram shows, in the reader's language: the alt text of its image. */
	pictogramAlt?: Partial<Record<MailPictogram, string>>;
}

/** The address of a pictogram carried in the mail (an inline attachment with this Content-ID). */
export const pictogramCid = (kind: PictogramKind) => `${kind}@huisbezoek`;

/** The pictograms a message shows, once each: the images its mail must carry. */
export const pictogramsOf = (blocks: Block[]): MailPictogram[] => [
	...new Set(blocks.flatMap((block) => ('facts' in block ? block.facts.map((f) => f.icon) : [])))
];

const escapeHtml = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

const paragraphs = (text: string) => escapeHtml(text).replace(/\n/g, '<br>');

export function renderText(body: MailBody): string {
	const parts = body.blocks.map((block) => {
		if ('p' in block) return block.p;
		if ('small' in block) return block.small;
		if ('link' in block) return `${block.label}\n${block.link}`;
		// Plain text has no pictures: an emoji would be an empty box where no emoji font is.
		return block.facts.map((f) => `${f.label}: ${f.value}`).join('\n');
	});
	return [body.heading, ...parts].join('\n\n') + '\n';
}

export function renderHtml(body: MailBody): string {
	const align = body.dir === 'rtl' ? 'right' : 'left';
	const html = body.blocks.map((block) => {
		if ('p' in block) {
			const other = block.lang
				? ` lang="${escapeHtml(block.lang)}" dir="${block.dir ?? 'ltr'}" style="margin:0 0 16px;text-align:${block.dir === 'rtl' ? 'right' : 'left'}"`
				: ' style="margin:0 0 16px"';
			return `<p${other}>${paragraphs(block.p)}</p>`;
		}
		if ('small' in block)
			return `<p style="margin:24px 0 0;font-size:14px;color:#4a4a4a">${paragraphs(block.small)}</p>`;
		if ('link' in block) {
			// The button carries words, not the address: a personal link is 60 characters without a
			// break and made mails 500+ px wide on a 360 px phone. The address follows in small type
			// for readers whose mail program does not follow links; it breaks anywhere.
			const href = escapeHtml(block.link);
			return [
				`<p style="margin:0 0 8px">${paragraphs(block.label)}</p>`,
				`<p style="margin:0 0 8px"><a href="${href}" style="display:inline-block;max-width:100%;box-sizing:border-box;padding:12px 20px;background:#1d4f91;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold;font-size:18px;line-height:1.4">${escapeHtml(block.button)}</a></p>`,
				`<p style="margin:0 0 16px;font-size:13px;color:#4a4a4a;word-break:break-all;overflow-wrap:anywhere" dir="ltr"><a href="${href}" style="color:#1d4f91;word-break:break-all;overflow-wrap:anywhere">${href}</a></p>`
			].join('');
		}
		const rows = block.facts
			.map(
				(f) =>
					`<tr><td style="padding:8px 8px 6px;vertical-align:top;width:24px"><img src="cid:${pictogramCid(f.icon)}" width="24" height="24" alt="${escapeHtml(body.pictogramAlt?.[f.icon] ?? '')}" style="display:block;border:0"></td><td style="padding:6px 8px;vertical-align:top;text-align:${align}"><strong>${escapeHtml(f.label)}</strong><br>${paragraphs(f.value)}</td></tr>`
			)
			.join('');
		return `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px;background:#f3f6fa;width:100%">${rows}</table>`;
	});
	return `<!doctype html>
<html lang="${escapeHtml(body.lang)}" dir="${body.dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(body.subject)}</title></head>
<body style="margin:0;padding:16px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,'Noto Sans','Noto Sans Arabic','Noto Sans Ethiopic',Nyala,sans-serif;font-size:17px;line-height:1.5">
<div dir="${body.dir}" style="max-width:560px;margin:0 auto;text-align:${align}">
<p style="margin:0 0 16px;font-size:15px;color:#4a4a4a">${escapeHtml(body.heading)}</p>
${html.join('\n')}
</div>
</body>
</html>
`;
}
