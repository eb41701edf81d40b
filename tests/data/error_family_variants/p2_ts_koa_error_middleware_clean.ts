// clean: JS-STACK-TRACE-LEAK
import type { Context, Next } from "koa";

import { logger } from "./logger";

export async function errorHandler(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
  } catch (err) {
    const status = typeof (err as { status?: number }).status === "number" ? (err as { status: number }).status : 500;
    ctx.status = status;
    ctx.body = status >= 500 ? { error: "internal error", requestId: ctx.state.requestId } : { error: (err as Error).message };
    logger.error({ err, requestId: ctx.state.requestId }, "request failed");
    ctx.app.emit("error", err, ctx);
  }
}
