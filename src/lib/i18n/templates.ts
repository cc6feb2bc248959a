/**
 * Messages that only fill in values ("Bel de school: {{phone}}"), split once into their text and
 * their placeholders. i18next resolves every call again: the key's path, plural and context
 * rules, nesting, and a regular expression over the text, about as dear as the rest of a page's
 * rendering together. For a message with nothing but `{{name}}` placeholders and a call with
 * nothing but their values, filling the template gives the same text (templates.test.ts holds
 * every message of every language to that).
 */
import type { Messages } from './translator';

export interface Template {
	/** The text around the placeholders: one more than `names`. */
	texts: string[];
	names: string[];
}

const PLACEHOLDER = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

/** Every message with at least one placeholder, by its dotted key, as i18next names it. */
export function compileTemplates(messages: Messages): Map<string, Template> {
	const templates = new Map<string, Template>();
	const walk = (node: unknown, path: string) => {
		if (typeof node === 'string') {
			const template = compile(node);
			if (template) templates.set(path, template);
		} else if (node && typeof node === 'object') {
			for (const [key, value] of Object.entries(node)) walk(value, path ? `${path}.${key}` : key);
		}
	};
	walk(messages, '');
	return templates;
}

function compile(message: string): Template | null {
	// Anything i18next would treat otherwise (nesting, formats, unescaped values) is left to it.
	if (!message.includes('{{') || message.includes('$t(')) return null;
	const texts: string[] = [];
	const names: string[] = [];
	let from = 0;
	for (const match of message.matchAll(PLACEHOLDER)) {
		texts.push(message.slice(from, match.index));
		names.push(match[1]!);
		from = match.index + match[0].length;
	}
	texts.push(message.slice(from));
	// A "{{" that is not a plain placeholder: not ours.
	if (texts.some((text) => text.includes('{{'))) return null;
	return { texts, names };
}

/**
 * The template filled with the call's values, each through `wrap` (the right-to-left isolates),
 * or undefined when the call asks for more than values (count, context, a default, another
 * language …) or lacks one: then i18next answers.
 */
export function fill(
	template: Template,
	values: Record<string, unknown>,
	wrap: ((value: string) => string) | null
): string | undefined {
	// A count chooses among plural forms, even where the base message takes {{count}} as a value.
	if ('count' in values) return undefined;
	for (const key in values) if (!template.names.includes(key)) return undefined;
	let text = template.texts[0]!;
	for (let i = 0; i < template.names.length; i++) {
		const value = values[template.names[i]!];
		let shown: string;
		if (typeof value === 'string') shown = value;
		else if (typeof value === 'number' && Number.isFinite(value)) shown = String(value);
		else return undefined;
		text += (wrap ? wrap(shown) : shown) + template.texts[i + 1]!;
	}
	return text;
}
