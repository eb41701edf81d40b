// clean: JS-SECRET-IN-LOG
import type { NextFunction, Request, Response } from "express";
import { logger } from "../logger";

export function traceAuth(req: Request, _res: Response, next: NextFunction) {
  logger.debug(`auth attempt from ${req.ip} request ${req.headers["x-request-id"]}`);
  next();
}
