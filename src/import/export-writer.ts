// Writing an export to a stream a piece at a time, waiting when the reader is slower (so a
// large site is never built in memory), and the XML escaping WordPress's exporter uses.

/** Writes to `out`, waiting for 'drain' when its buffer is full. */
export function streamWriter(out: NodeJS.WritableStream): (text: string) => Promise<void> {
  return (text) =>
    out.write(text)
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          const onDrain = () => {
            out.off('error', onError);
            resolve();
          };
          const onError = (e: Error) => {
            out.off('drain', onDrain);
            reject(e);
          };
          out.once('drain', onDrain);
          out.once('error', onError);
        });
}

/** Characters XML 1.0 does not allow (controls, lone surrogates, U+FFFE/U+FFFF), which no reader would accept. */
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** WordPress's wxr_cdata: a CDATA section, with `]]>` split across two. */
export const cdata = (text: string): string => `<![CDATA[${text.replace(notXml, '').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

export const escapeXml = (text: string): string =>
  text.replace(notXml, '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** WordPress's `YYYY-MM-DD HH:MM:SS`, in UTC. */
export const wpDateText = (d: Date): string => d.toISOString().slice(0, 19).replace('T', ' ');
