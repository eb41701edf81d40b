// want: JS-HTTP-NO-TIMEOUT
import axios from 'axios';

export async function fetchCarrierRates(zip: string, weightGrams: number) {
  const { data } = await axios.get('https://rates.carrier.example/v1/quote', {
    params: { zip, weight: weightGrams },
    headers: { Authorization: `Bearer ${process.env.CARRIER_TOKEN}` },
  });
  return data.rates;
}
