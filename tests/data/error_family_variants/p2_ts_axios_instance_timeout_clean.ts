// clean: JS-HTTP-CLIENT-NO-TIMEOUT
import axios from "axios";

const shipping = axios.create({
  baseURL: "https://api.shipping-partner.example/v2",
  timeout: 8_000,
  headers: { Authorization: `Bearer ${process.env.SHIPPING_TOKEN}` },
});

export async function quote(weightGrams: number, postcode: string): Promise<number> {
  const { data } = await shipping.post("/quotes", { weightGrams, postcode });
  return data.priceCents;
}
