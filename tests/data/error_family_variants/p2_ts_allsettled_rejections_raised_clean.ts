// clean: JS-ALLSETTLED-UNCHECKED
import { logger } from "./logger";

export async function notifyAll(channels: { name: string; send(msg: string): Promise<void> }[], msg: string) {
  const results = await Promise.allSettled(channels.map((c) => c.send(msg)));
  const failed = results
    .map((r, i) => ({ r, channel: channels[i].name }))
    .filter((x): x is { r: PromiseRejectedResult; channel: string } => x.r.status === "rejected");
  for (const f of failed) {
    logger.error({ err: f.r.reason, channel: f.channel }, "notification failed");
  }
  if (failed.length > 0) {
    throw new AggregateError(failed.map((f) => f.r.reason), `${failed.length} notifications failed`);
  }
}
