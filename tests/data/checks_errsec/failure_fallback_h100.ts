import { logger } from "./logger";

export async function exchangeRate(from: string, to: string): Promise<number> {
  try {
    const res = await fetch(`https://rates.example/${from}/${to}`, { signal: AbortSignal.timeout(2000) });
    if (!res.ok) throw new Error(`rates ${res.status}`);
    return (await res.json()).rate;
  } catch (err) { // expect: ANY-FAILURE-FALLBACK-VALUE
    logger.warn({ err }, "rate lookup failed");
    return 1;
  }
}

export async function riskDecision(orderId: string): Promise<string> {
  try {
    const res = await fetch(`https://risk.example/${orderId}`, { signal: AbortSignal.timeout(2000) });
    if (!res.ok) throw new Error(`risk ${res.status}`);
    return (await res.json()).decision;
  } catch (err) {
    logger.warn({ err }, "risk lookup failed");
    return "review";
  }
}
