/**
 * io.jwt.decode and io.jwt.verify_hs256/384/512 as OPA implements them (topdown/tokens.go): JWS
 * compact serialization, base64url parts (padding optional), JSON object header and payload
 * (a JWE header is refused), the signature in hex; HMAC verification compares bytes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { decodeBase64UrlBytes } from './base64';

interface Token { header: string; payload: string; signature: string }

function split(token: string): Token {
  if (!token.includes('.')) throw new Error('encoded JWT had no period separators');
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error(`encoded JWT must have 3 sections, found ${parts.length}`);
  return { header: parts[0], payload: parts[1], signature: parts[2] };
}

/** The text of a JSON object (exact, for the module to parse), or OPA's error. */
function jsonObject(text: string): { text: string; value: Record<string, unknown> } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`invalid JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('decoded JSON type was not an Object');
  return { text, value: value as Record<string, unknown> };
}

function decodePart(part: string, what: string): Buffer {
  try {
    return decodeBase64UrlBytes(part);
  } catch (err) {
    throw new Error(`JWT ${what} had invalid encoding: ${(err as Error).message}`);
  }
}

function header(token: Token): { text: string; value: Record<string, unknown> } {
  let h;
  try {
    h = jsonObject(decodePart(token.header, 'header').toString('utf8'));
  } catch (err) {
    const msg = (err as Error).message;
    throw new Error(msg.startsWith('JWT header') ? msg : `bad JWT header: ${msg}`);
  }
  if ('enc' in h.value) throw new Error('JWT is a JWE object, which is not supported');
  return h;
}

function decodeText(token: string): string {
  const t = split(token);
  const h = header(t);
  let payload = decodePart(t.payload, 'payload').toString('utf8');
  if (h.value.cty === 'JWT') {
    // A nested token, possibly quoted.
    payload = payload.replace(/^["']+|["']+$/g, '');
    return decodeText(payload);
  }
  const p = jsonObject(payload);
  const sig = decodePart(t.signature, 'signature').toString('hex');
  return `[${h.text},${p.text},${JSON.stringify(sig)}]`;
}

export function jwtDecode(token: string): ArrayBuffer {
  const bytes = new TextEncoder().encode(decodeText(token));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export function jwtVerifyHS(token: string, secret: string, hash: 'sha256' | 'sha384' | 'sha512'): boolean {
  const t = split(token);
  const mac = createHmac(hash, Buffer.from(secret, 'utf8')).update(`${t.header}.${t.payload}`, 'utf8').digest();
  const sig = decodeBase64UrlBytes(t.signature);
  return sig.length === mac.length && timingSafeEqual(sig, mac);
}
