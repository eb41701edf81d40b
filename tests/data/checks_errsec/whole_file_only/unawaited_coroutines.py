import asyncio

from sqlalchemy.ext.asyncio import AsyncSession


async def send_receipt(order):
    await mailer.send(order.email, "receipt")


async def load_customer(customer_id):
    return await customers.get(customer_id)


class Checkout:
    async def publish(self, event):
        await self.bus.publish(event)

    async def complete(self, session: AsyncSession, order):
        order.status = "paid"
        session.commit()  # expect: PY-COROUTINE-NOT-AWAITED
        send_receipt(order)  # expect: PY-COROUTINE-NOT-AWAITED
        await self.publish({"type": "order.paid", "id": order.id})
        customer = load_customer(order.customer_id)  # expect: PY-COROUTINE-NOT-AWAITED
        return customer.email

    async def retry_later(self, order):
        await asyncio.sleep(5)
        task = asyncio.create_task(send_receipt(order))
        self.tasks.add(task)
        pending = self.publish({"type": "order.retry", "id": order.id})
        await asyncio.wait_for(pending, timeout=10)
