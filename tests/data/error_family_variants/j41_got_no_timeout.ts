// want: JS-HTTP-NO-TIMEOUT
import got from 'got';

export async function lookupVat(number: string): Promise<VatResult> {
  return got.get(`https://vat.example.com/check/${number}`).json<VatResult>();
}
