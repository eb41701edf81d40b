// clean: JS-TLS-VERIFY-OFF
import { readFileSync } from "node:fs";
import https from "node:https";
import axios from "axios";

const agent = new https.Agent({ ca: readFileSync(process.env.PARTNER_CA_FILE!), rejectUnauthorized: true });

export async function fetchRates() {
  const { data } = await axios.get(`${process.env.RATES_URL}/v1/latest`, { httpsAgent: agent, timeout: 10000 });
  return data;
}
