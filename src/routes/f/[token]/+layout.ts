// Parent pages are plain HTML forms: they work the same without JavaScript, and a cheap phone
// downloads no script at all. Nothing of the page's data is serialised for a client either.
export const csr = false;
