// Fixture for the JavaScript/TypeScript outbound-call and async-work checks. `// expect: ID` marks the line
// a finding must land on.
import axios from "axios";
import got from "got";

const billing = axios.create({ baseURL: "https://billing.internal" }); // expect: JS-HTTP-CLIENT-NO-TIMEOUT
const ledger = axios.create({ baseURL: "https://ledger.internal", timeout: 5000 });
const shared = axios.create(sharedConfig);

export async function charge(orderId: string, body: unknown, options: RequestInit) {
  const quote = await fetch(`https://pay.example/quotes/${orderId}`); // expect: JS-HTTP-NO-TIMEOUT
  const capped = await fetch(`https://pay.example/quotes/${orderId}`, {
    method: "POST",
    signal: AbortSignal.timeout(3000),
  });
  const passed = await fetch(`https://pay.example/quotes/${orderId}`, options);
  const listing = await axios.get(`https://pay.example/orders/${orderId}`); // expect: JS-HTTP-NO-TIMEOUT
  const created = await axios.post("https://pay.example/charges", body); // expect: JS-HTTP-NO-TIMEOUT
  const bounded = await axios.post("https://pay.example/charges", body, { timeout: 2000 });
  const headed = await axios.post("https://pay.example/charges", body, { // expect: JS-HTTP-NO-TIMEOUT
    headers: { "Idempotency-Key": orderId },
  });
  const fetched = await got(`https://rates.example/${orderId}`).json(); // expect: JS-HTTP-NO-TIMEOUT
  const limited = await got.get(`https://rates.example/${orderId}`, { timeout: { request: 5000 } });
  return [quote, capped, passed, listing, created, bounded, headed, fetched, limited, billing, ledger, shared];
}

export async function settle(items: string[]) {
  items.forEach(async (item) => { // expect: JS-ASYNC-FOREACH
    await billing.post("/settle", { item });
  });
  for (const item of items) {
    await billing.post("/settle", { item });
  }
  await Promise.all(items.map(async (item) => billing.post("/settle", { item })));
  items.forEach((item) => console.log(item));
}

router.post("/admin/reload", async (req, res) => {
  if (!(await reloadConfig())) {
    process.exit(1); // expect: JS-EXIT-IN-HANDLER
  }
  res.sendStatus(204);
});

async function main() {
  if (!(await reloadConfig())) {
    process.exit(1);
  }
}

class Cache {
  fetch(key: string) {
    return this.store.get(key);
  }
}
