// clean: JS-HTTP-NO-TIMEOUT
export async function lookupVat(number: string): Promise<boolean> {
  const res = await fetch(`https://vat.example.eu/check/${encodeURIComponent(number)}`, {
    signal: AbortSignal.timeout(8000),
  });
  if (!res.ok) throw new Error(`vat lookup failed: ${res.status}`);
  const body = (await res.json()) as { valid: boolean };
  return body.valid;
}
