// clean: JS-ASYNC-NOT-AWAITED
export class OrdersService {
  constructor(private readonly orders: OrdersRepository, private readonly logger: Logger) {}

  async place(dto: PlaceOrderDto): Promise<Order> {
    const order = await this.orders.save(dto);
    this.logger.log(`order ${order.id} placed`);
    return order;
  }
}
