/** A parent's booking as the choose-a-time form posts it (no JavaScript): at school, no interpreter. */
export function postBooking(serverUrl: string, attempt: { token: string; slotId: string }) {
	return fetch(`${serverUrl}/f/${attempt.token}/book`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			origin: serverUrl
		},
		body: new URLSearchParams({ location: 'school', slotId: attempt.slotId, interpreter: 'no' })
	});
}
