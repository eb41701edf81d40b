// want: JS-ROUTE-NO-AUTH
import express from "express";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import { emailQueue, exportQueue } from "./queues";
import { requireAuth, requireAdmin } from "./middleware/auth";
import { apiRouter } from "./routes";

const app = express();
const serverAdapter = new ExpressAdapter();
serverAdapter.setBasePath("/admin/queues");
createBullBoard({ queues: [new BullMQAdapter(emailQueue), new BullMQAdapter(exportQueue)], serverAdapter });

app.use(express.json());
app.use("/api", requireAuth, apiRouter);
app.use("/admin/queues", serverAdapter.getRouter());

app.listen(3000);
