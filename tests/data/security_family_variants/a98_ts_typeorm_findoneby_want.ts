// want: JS-LOOKUP-IGNORES-CALLER
// path: src/invoices/invoices.service.ts
import { Injectable, NotFoundException } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import { Repository } from "typeorm";
import { Invoice } from "./invoice.entity";
import type { AuthUser } from "../auth/auth-user";

@Injectable()
export class InvoicesService {
  constructor(@InjectRepository(Invoice) private readonly invoices: Repository<Invoice>) {}

  list(user: AuthUser) {
    return this.invoices.find({ where: { tenantId: user.tenantId }, order: { issuedAt: "DESC" } });
  }

  async markPaid(user: AuthUser, id: string) {
    const invoice = await this.invoices.findOneBy({ id });
    if (!invoice) throw new NotFoundException();
    invoice.paidAt = new Date();
    invoice.paidBy = user.id;
    return this.invoices.save(invoice);
  }
}
