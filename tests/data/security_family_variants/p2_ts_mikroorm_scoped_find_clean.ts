// clean: JS-LOOKUP-IGNORES-CALLER
// path: src/modules/invoice/invoice.controller.ts
import { EntityManager } from "@mikro-orm/postgresql";
import { Controller, Get, NotFoundException, Param, Req, UseGuards } from "@nestjs/common";

import { AuthGuard } from "../auth/auth.guard";
import { Invoice } from "./invoice.entity";

@Controller("invoices")
@UseGuards(AuthGuard)
export class InvoiceController {
  constructor(private readonly em: EntityManager) {}

  @Get(":id")
  async findOne(@Param("id") id: string, @Req() req: { user: { accountId: string } }) {
    const invoice = await this.em.findOne(Invoice, { id, account: req.user.accountId });
    if (!invoice) {
      throw new NotFoundException();
    }
    return invoice;
  }
}
