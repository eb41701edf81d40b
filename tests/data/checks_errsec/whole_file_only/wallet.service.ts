// A NestJS service written for these tests: a transfer whose counter writes commit one by one, next to one
// that runs them in a transaction.
@Injectable()
export class WalletService {
  constructor(private readonly prisma: PrismaService) {}

  async transfer(fromId: string, toId: string, amount: number): Promise<void> {
    await this.prisma.wallet.update({ where: { id: fromId }, data: { balance: { decrement: amount } } }); // expect: JS-PRISMA-WRITES-NO-TX
    await this.prisma.wallet.update({ where: { id: toId }, data: { balance: { increment: amount } } });
  }

  async refund(fromId: string, toId: string, amount: number): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.wallet.update({ where: { id: toId }, data: { balance: { decrement: amount } } }),
      this.prisma.wallet.update({ where: { id: fromId }, data: { balance: { increment: amount } } }),
    ]);
  }
}
