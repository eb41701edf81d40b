// clean: JS-ASYNC-NOT-AWAITED
export class Publisher {
  private channel!: Channel;

  async publishOrder(order: Order): Promise<void> {
    await this.channel.assertQueue('orders', { durable: true });
    this.channel.sendToQueue('orders', Buffer.from(JSON.stringify(order)), { persistent: true });
  }
}
