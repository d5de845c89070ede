// A string of HTML that has been sanitised. Views render a body only through this brand;
// only lib/sanitize-html.ts creates it (and storage, re-reading what was sanitised on write).

declare const trusted: unique symbol;
export type TrustedHtml = string & { readonly [trusted]: true };

/** Only for code that has just sanitised the value, or reads back a value sanitised on write. */
export const trustHtml = (html: string): TrustedHtml => html as TrustedHtml;
