// want: JS-LOOKUP-IGNORES-CALLER
import { Controller, Delete, Get, NotFoundException, Param, UseGuards } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import { Repository } from "typeorm";
import { CurrentUser } from "../auth/current-user.decorator";
import { JwtAuthGuard } from "../auth/jwt-auth.guard";
import { User } from "../users/user.entity";
import { Ticket } from "./ticket.entity";

@UseGuards(JwtAuthGuard)
@Controller("tickets")
export class TicketsController {
  constructor(@InjectRepository(Ticket) private readonly tickets: Repository<Ticket>) {}

  @Get(":id")
  async findOne(@Param("id") id: string, @CurrentUser() user: User) {
    const ticket = await this.tickets.findOne({ where: { id, orgId: user.orgId } });
    if (!ticket) throw new NotFoundException();
    return ticket;
  }

  @Delete(":id")
  async remove(@Param("id") id: string) {
    const ticket = await this.tickets.findOneBy({ id });
    if (!ticket) throw new NotFoundException();
    await this.tickets.remove(ticket);
  }
}
