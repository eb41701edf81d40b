import { db } from "./db";

async function chargeCard(order: Order): Promise<void> {
  await payments.charge(order.total, order.cardId);
}

const loadCustomer = async (id: string) => db.customers.findOne({ id });

export async function completeOrder(order: Order): Promise<string> {
  try {
    chargeCard(order); // expect: JS-ASYNC-NOT-AWAITED
  } catch (err) {
    log.error("charge failed", err);
    throw err;
  }
  const customer = loadCustomer(order.customerId); // expect: JS-ASYNC-NOT-AWAITED
  return customer.email;
}

export async function retryOrder(order: Order): Promise<void> {
  try {
    await chargeCard(order);
  } catch (err) {
    log.error("charge failed", err);
  }
  void chargeCard(order).catch((err) => log.error("background charge failed", err));
  const pending = loadCustomer(order.customerId);
  const customer = await pending;
  log.info("retried for", customer.email);
}
