import { prisma } from "../db/prisma";
import { pool } from "../db/pool";

export async function placeOrder(data: { sku: string; userId: string }) {
  return prisma.$transaction(async (tx) => {
    const order = await tx.order.create({ data });
    await prisma.stock.update({ where: { sku: data.sku }, data: { count: { decrement: 1 } } }); // expect: JS-TX-OUTER-HANDLE
    return order;
  });
}

export async function placeOrderOnTx(data: { sku: string; userId: string }) {
  return prisma.$transaction(async (tx) => {
    const order = await tx.order.create({ data });
    await tx.stock.update({ where: { sku: data.sku }, data: { count: { decrement: 1 } } });
    return order;
  });
}

export async function withdraw(id: string, amount: number) {
  const { rows } = await pool.query("SELECT balance FROM wallets WHERE id = $1 FOR UPDATE", [id]); // expect: JS-FOR-UPDATE-NO-TX
  if (rows[0].balance < amount) {
    throw new Error("insufficient funds");
  }
  await pool.query("UPDATE wallets SET balance = balance - $2 WHERE id = $1", [id, amount]);
}

export async function withdrawInTx(id: string, amount: number) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query("SELECT balance FROM wallets WHERE id = $1 FOR UPDATE", [id]);
    if (rows[0].balance >= amount) {
      await client.query("UPDATE wallets SET balance = balance - $2 WHERE id = $1", [id, amount]);
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}
