/** Base64 decoding as Go's encoding/base64 does it (OPA's base64 builtins), to bytes. */

/** Decodes padded base64 (URL alphabet when `url`) as Go does, or throws Go's error. */
export function decodeBase64Bytes(text: string, url: boolean): Buffer {
  const t = text.replace(/[\r\n]/g, '');
  const alphabet = url ? '[A-Za-z0-9_-]' : '[A-Za-z0-9+/]';
  const ok = new RegExp(`^(?:${alphabet}{4})*(?:${alphabet}{2}==|${alphabet}{3}=)?$`).test(t);
  if (!ok) {
    const at = t.search(new RegExp(`[^${alphabet.slice(1, -1)}=]`));
    throw new Error(`illegal base64 data at input byte ${at >= 0 ? at : Math.max(0, t.length - (t.length % 4 || 4))}`);
  }
  return Buffer.from(t, url ? 'base64url' : 'base64');
}

/** OPA's base64url.decode: padding may be left out (RFC 7515, appendix C). */
export function decodeBase64UrlBytes(text: string): Buffer {
  let t = text;
  if (!t.endsWith('=')) {
    if (t.length % 4 === 1) throw new Error(`illegal base64url string: ${t}`);
    t += '='.repeat((4 - (t.length % 4)) % 4);
  }
  return decodeBase64Bytes(t, true);
}
