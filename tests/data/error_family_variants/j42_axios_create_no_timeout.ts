// want: JS-HTTP-CLIENT-NO-TIMEOUT
import axios from 'axios';

const shipping = axios.create({ baseURL: process.env.SHIPPING_URL, headers: { 'x-api-key': process.env.SHIPPING_KEY } });

export async function rates(parcel: Parcel) {
  const { data } = await shipping.post('/rates', parcel);
  return data;
}
