import { Controller, Delete, Get, NotFoundException, Param, ForbiddenException } from '@nestjs/common';

@Controller('receipts')
export class ReceiptsController {
  constructor(private readonly receipts: ReceiptsService, private readonly repo: Repository<Receipt>) {}

  @Get(':id/pdf')
  async download(@Param('id') id: string, @CurrentUser() user: User) {
    const receipt = await this.repo.findOneBy({ id }); // expect: JS-LOOKUP-IGNORES-CALLER
    if (!receipt) throw new NotFoundException();
    return this.pdf.render(receipt);
  }

  @Get(':id')
  async show(@Param('id') id: string, @CurrentUser() user: User) {
    const receipt = await this.repo.findOneBy({ id, ownerId: user.id });
    if (!receipt) throw new NotFoundException();
    return receipt;
  }

  @Delete(':id')
  async remove(@Param('id') id: string, @CurrentUser() user: User) {
    const receipt = await this.receipts.findOne(id);
    if (!receipt || receipt.ownerId !== user.id) throw new ForbiddenException();
    await this.receipts.remove(id);
  }

  @Get('shared/:id')
  async shared(@Param('id') id: string) {
    const receipt = await this.repo.findOneBy({ id, shared: true });
    if (!receipt) throw new NotFoundException();
    return receipt;
  }
}
