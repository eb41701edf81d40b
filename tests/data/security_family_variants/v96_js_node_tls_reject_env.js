// want: JS-TLS-VERIFY-OFF
const axios = require("axios");

process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";

async function fetchRates() {
  const { data } = await axios.get(`${process.env.RATES_URL}/v1/latest`, { timeout: 10000 });
  return data;
}

module.exports = { fetchRates };
