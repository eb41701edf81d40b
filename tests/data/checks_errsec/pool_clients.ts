// Fixture for pooled clients not released, handler catches that answer nothing, and well-known async client
// calls left floating. `// expect: ID` marks the line a finding must land on; the functions without a
// marker are near misses that must stay clean.
import { Router } from "express";
import { pool } from "../db";
import { producer } from "../kafka";
import { logger } from "../logger";

export const router = Router();

export async function confirmReservation(id: string): Promise<void> {
  const client = await pool.connect(); // expect: JS-POOL-CLIENT-NOT-RELEASED
  await client.query("UPDATE reservations SET status = 'confirmed' WHERE id = $1", [id]);
  client.release();
}

export async function cancelReservation(id: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("UPDATE reservations SET status = 'cancelled' WHERE id = $1", [id]);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}

router.get("/invoices/:id/pdf", async (req, res) => {
  try {
    const pdf = await renderPdf(req.params.id);
    res.type("application/pdf").send(pdf);
  } catch (err) { // expect: JS-CATCH-NO-RESPONSE
    logger.error({ err, invoiceId: req.params.id }, "render invoice pdf failed");
  }
});

router.get("/invoices/:id", async (req, res, next) => {
  try {
    res.json(await loadInvoice(req.params.id));
  } catch (err) {
    logger.error({ err }, "load invoice failed");
    next(err);
  }
});

export async function publishPriceChanges(changes: PriceChange[]): Promise<void> {
  for (const change of changes) {
    producer.send({ topic: "prices", messages: [{ key: change.sku, value: JSON.stringify(change) }] }); // expect: JS-ASYNC-NOT-AWAITED
  }
  logger.info({ count: changes.length }, "price changes published");
}

export async function publishPriceChange(change: PriceChange): Promise<void> {
  await producer.send({ topic: "prices", messages: [{ key: change.sku, value: JSON.stringify(change) }] });
}

interface PriceChange {
  sku: string;
}

declare function renderPdf(id: string): Promise<Buffer>;
declare function loadInvoice(id: string): Promise<object>;
