// clean: JS-ERROR-ANSWERED-OK
import { Router } from "express";
import { exportsApi } from "../clients/exports";
import { logger } from "../logger";

export const exportsRouter = Router();

exportsRouter.post("/reports/:id/export", async (req, res) => {
  try {
    const job = await exportsApi.start(req.params.id, req.body.format);
    res.status(202).json({ status: "queued", jobId: job.id });
  } catch (err) {
    logger.error({ err }, "export start failed");
    res.status(502).json({ error: "export service unavailable" });
  }
});
