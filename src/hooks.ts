import type { Transport } from '@sveltejs/kit';
import { renderOnlyTransport } from '$lib/render-only';

export const transport: Transport = { RenderOnly: renderOnlyTransport };
