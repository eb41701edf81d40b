// clean: ANY-FAILURE-FALLBACK-VALUE
import { logger } from "../logger";

export class ExchangeRates {
  constructor(private readonly baseUrl: string) {}

  async rate(from: string, to: string): Promise<number> {
    try {
      const res = await fetch(`${this.baseUrl}/rates?from=${from}&to=${to}`, { signal: AbortSignal.timeout(3000) });
      if (!res.ok) throw new Error(`rates ${res.status}`);
      const body = (await res.json()) as { rate: number };
      return body.rate;
    } catch (err) {
      logger.warn({ err, from, to }, "rate lookup failed");
      throw new Error(`exchange rate ${from}/${to} unavailable`, { cause: err });
    }
  }
}
