// Parent pages are plain HTML forms: they work the same without JavaScript, and a cheap phone
// downloads no script at all. Their loads mark their data renderOnly (render-only.ts): nothing of
// it is serialised for a client that never comes.
export const csr = false;
