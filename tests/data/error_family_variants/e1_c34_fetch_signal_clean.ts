// clean: JS-HTTP-NO-TIMEOUT (AbortSignal.timeout bounds the call)
export async function lookupVat(countryCode: string, vatNumber: string) {
  const res = await fetch(`https://vat.example.eu/check/${countryCode}/${vatNumber}`, {
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`vat check ${res.status}`);
  return res.json();
}
