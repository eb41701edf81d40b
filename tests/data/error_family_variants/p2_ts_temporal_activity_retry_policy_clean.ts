// clean: ANY-RETRY-NO-BACKOFF
import { proxyActivities } from "@temporalio/workflow";

import type * as activities from "./activities";

const { chargeCard, sendReceipt } = proxyActivities<typeof activities>({
  startToCloseTimeout: "30 seconds",
  retry: {
    initialInterval: "2 seconds",
    backoffCoefficient: 2,
    maximumInterval: "1 minute",
    maximumAttempts: 5,
    nonRetryableErrorTypes: ["CardDeclined"],
  },
});

export async function checkout(orderId: string, amountCents: number): Promise<string> {
  const chargeId = await chargeCard(orderId, amountCents);
  await sendReceipt(orderId, chargeId);
  return chargeId;
}
