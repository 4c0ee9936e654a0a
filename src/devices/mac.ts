/** MAC address parsing: every common separator style, validated, with the locally-administered bit. */

const HEX12 = /^[0-9a-f]{12}$/;
/** The usual form (nmap, leases): already normal once upper-cased. */
const COLON_PAIRS = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/i;

/**
 * Normalises `aa:bb:cc:dd:ee:ff`, `aa-bb-cc-dd-ee-ff`, `aabb.ccdd.eeff`, `aabbccddeeff` and macOS's
 * unpadded `0:11:2:33:44:55` to `AA:BB:CC:DD:EE:FF`; returns undefined for anything else.
 */
export function normaliseMac(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  const trimmed = String(raw).trim();
  if (COLON_PAIRS.test(trimmed)) return trimmed.toUpperCase();
  const s = trimmed.toLowerCase();
  let hex: string | undefined;
  const parts = s.split(/[:-]/);
  if (parts.length === 6 && parts.every((p) => /^[0-9a-f]{1,2}$/.test(p))) hex = parts.map((p) => p.padStart(2, '0')).join('');
  else if (/^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/.test(s)) hex = s.replace(/\./g, '');
  else if (HEX12.test(s)) hex = s;
  if (!hex || !HEX12.test(hex)) return undefined;
  return hex.toUpperCase().match(/../g)!.join(':');
}

/** Locally administered (bit 1 of the first octet): randomised or software-assigned, no vendor. */
export function isLocallyAdministered(mac: string): boolean {
  return (parseInt(mac.slice(0, 2), 16) & 0x02) !== 0;
}

export function isMulticast(mac: string): boolean {
  return (parseInt(mac.slice(0, 2), 16) & 0x01) !== 0;
}

/** Finds MAC-looking tokens in free text (any of the separator styles). */
export function findMacs(text: string): string[] {
  const re = /(?<![0-9a-f:.-])((?:[0-9a-f]{1,2}[:-]){5}[0-9a-f]{1,2}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4})(?![0-9a-f:.-])/gi;
  const out: string[] = [];
  for (const m of text.matchAll(re)) {
    const mac = normaliseMac(m[1]);
    if (mac && !out.includes(mac)) out.push(mac);
  }
  return out;
}
