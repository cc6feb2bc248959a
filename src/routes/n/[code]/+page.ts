// A plain form page: no script to download on a parent's phone.
export const csr = false;
