// clean: ANY-FAILURE-MARKED-DONE
import { Injectable, Logger } from "@nestjs/common";

@Injectable()
export class RefundService {
  private readonly logger = new Logger(RefundService.name);

  constructor(private readonly payments: PaymentsClient, private readonly orders: OrderRepository) {}

  async refund(orderId: string, amountCents: number): Promise<Order> {
    const order = await this.orders.findOneOrFail(orderId);
    try {
      const result = await this.payments.refund(order.chargeId, amountCents);
      return this.orders.save({ ...order, status: "refunded", refundReference: result.reference });
    } catch (err) {
      this.logger.warn(`refund for ${order.id} failed: ${err}`);
    }
    return this.orders.save({ ...order, status: "refund_failed" });
  }
}
